namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>What kind of thing a <see cref="SimulatorNote"/> reports.</summary>
public enum SimulatorNoteKind
{
    /// <summary>A signer announced its identity key.</summary>
    IdentityLearned,

    /// <summary>Every participant generated the same key pair; it was set on Serai and confirmed to them.</summary>
    KeysConfirmed,

    /// <summary>A key-generation session was re-run without a participant (at fault or silent).</summary>
    KeyGenerationRerun,

    /// <summary>A key-generation session cannot produce keys.</summary>
    KeyGenerationFailed,

    /// <summary>A signing set was chosen and the preprocesses relayed.</summary>
    SigningSetSelected,

    /// <summary>A signing re-attempt was started (timeout or invalid participant).</summary>
    SigningReattempted,

    /// <summary>A signature cannot be made.</summary>
    SigningFailed,

    /// <summary>A SignedBatch passed Serai's checks and is in a Serai block.</summary>
    BatchIncluded,

    /// <summary>A SignedBatch failed Serai's checks.</summary>
    BatchRejected,

    /// <summary>A Serai block with burns was sealed and sent.</summary>
    BurnsSent,

    /// <summary>An event was dropped (a silent validator) or could not be used.</summary>
    EventIgnored,

    /// <summary>A processor reported something for its operator (a rejected key pair, an acknowledgement, a plan's progress).</summary>
    ProcessorReport,
}

/// <summary>A decision or observation of the simulator, in the order they happened.</summary>
public sealed record SimulatorNote(DateTimeOffset Time, SimulatorNoteKind Kind, string Text, uint? BatchId = null);
