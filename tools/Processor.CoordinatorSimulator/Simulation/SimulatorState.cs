using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>A snapshot of the simulator, as <c>GET /state</c> shows it. Bytes are lower-case hex.</summary>
public sealed record SimulatorState(
    string Network,
    int Threshold,
    IReadOnlyList<SimulatorState.ValidatorView> Validators,
    IReadOnlyList<SimulatorState.KeyGenerationView> KeyGenerations,
    IReadOnlyList<SimulatorState.SessionView> Sessions,
    IReadOnlyList<SimulatorState.SigningView> Signings,
    IReadOnlyList<SimulatorState.BlockView> Blocks,
    IReadOnlyList<SimulatorState.ProcessorView> Processors,
    IReadOnlyList<SimulatorNote> Notes)
{
    public sealed record ValidatorView(int Validator, string Namespace, string? IdentityKey);

    public sealed record KeyGenerationView(uint Session, uint Attempt, IReadOnlyList<int> Participants, IReadOnlyDictionary<int, string> Excluded, string? Failure);

    public sealed record SessionView(uint Session, uint Attempt, string SubstrateKey, string NetworkKey, IReadOnlyDictionary<int, int> Participants);

    public sealed record SigningView(string Id, uint Attempt, IReadOnlyList<int>? Selected, IReadOnlyList<int> SharesFrom, IReadOnlyList<int> Faulty, bool SharesRelayed, bool Completed, string? Failure);

    /// <param name="LatestFinalizedExternalBlock">The external block of the network's last Batch Serai executed as of this block; empty when none.</param>
    /// <param name="SentTo">The validators it was sent to as a <c>SubstrateBlock</c>; empty when it concerned none.</param>
    public sealed record BlockView(
        ulong Number, string Hash, DateTimeOffset Time, IReadOnlyList<uint> BatchIds, int Burns, IReadOnlyList<uint> KeysSetForSessions,
        string LatestFinalizedExternalBlock, IReadOnlyList<int> SentTo);

    /// <summary>What one validator's processor reported (<see cref="ProcessorReports"/>).</summary>
    public sealed record ProcessorView(
        int Validator,
        IReadOnlyList<BatchView> Batches,
        IReadOnlyList<AcknowledgementView> Acknowledgements,
        IReadOnlyList<PlanView> Plans,
        IReadOnlyList<DroppedPaymentView> DroppedPayments,
        IReadOnlyList<RejectedInstructionView> RejectedInstructions);

    /// <summary>An unsigned Batch the processor built.</summary>
    public sealed record BatchView(uint Id, string ExternalBlockHash, int Instructions);

    /// <summary>A <c>SubstrateBlockAcknowledged</c>: the Serai block, its Batches and the plans it caused, in creation order.</summary>
    public sealed record AcknowledgementView(ulong SeraiBlockNumber, IReadOnlyList<uint> BatchIds, IReadOnlyList<string> PlanIds);

    /// <summary>A plan: its latest <c>PlanStatus</c> state (Unspecified when only named by an acknowledgement) and its completion.</summary>
    /// <param name="Txid">The plan's transaction id (network byte order; Bitcoin: internal order, the reverse of the RPC's); empty until reported.</param>
    public sealed record PlanView(string PlanId, uint Session, PlanState State, string Txid, PlanCompletionView? Completion)
    {
        public bool IsCompleted => Completion is not null;
    }

    /// <summary>The finalized external block in which a plan's transaction was seen.</summary>
    public sealed record PlanCompletionView(ulong ExternalBlockNumber, string ExternalBlockHash);

    /// <summary>A <c>PaymentDropped</c>: the burn (by Serai block and index) that will not be paid, and why.</summary>
    public sealed record DroppedPaymentView(ulong SeraiBlockNumber, uint BurnIndex, ulong Amount, string Destination, PaymentDropReason Reason);

    /// <summary>An <c>InstructionRejected</c>: a deposit whose data gave no instruction, and where it will be refunded (empty: nowhere).</summary>
    public sealed record RejectedInstructionView(
        string OutputTxid, uint Vout, ulong Amount, string ExternalBlockHash, InstructionRejection Reason, string Detail, string RefundDestination);

    /// <summary>The report of <paramref name="validator"/>'s processor; empty when it reported nothing yet.</summary>
    public ProcessorView Processor(int validator) =>
        Processors.FirstOrDefault(p => p.Validator == validator) ?? new ProcessorView(validator, [], [], [], [], []);

    internal static SimulatorState Of(
        SimulatorOptions options,
        IReadOnlyDictionary<int, ByteString> identities,
        IEnumerable<KeyGenerationCeremony> keyGenerations,
        IEnumerable<GeneratedKeys> sessions,
        IReadOnlyDictionary<string, SigningCeremony> signings,
        SeraiChain chain,
        IReadOnlyDictionary<ulong, IReadOnlyList<int>> recipients,
        ProcessorReports reports,
        IEnumerable<SimulatorNote> notes) => new(
            options.Network,
            options.EffectiveThreshold,
            [.. options.Validators.Select((v, i) => new ValidatorView(i + 1, v.Namespace, identities.TryGetValue(i + 1, out var k) ? Hex(k) : null))],
            [.. keyGenerations.Select(k => new KeyGenerationView(
                k.Session, k.Attempt, [.. k.Participants.Select(p => p.Validator)], new Dictionary<int, string>(k.Excluded), k.Failure))],
            [.. sessions.Select(s => new SessionView(s.Session, s.Attempt, Hex(s.KeyPair.SubstrateKey), Hex(s.KeyPair.NetworkKey), s.Participants))],
            [.. signings.Select(s => new SigningView(
                s.Key, s.Value.Attempt, s.Value.Selected is { } selected ? [.. selected] : null, [.. s.Value.SharesFrom.Order()], [.. s.Value.Faulty.Order()],
                s.Value.SharesRelayed, s.Value.IsCompleted, s.Value.Failure))],
            [.. chain.Blocks.Select(b => new BlockView(
                b.Number, Hex(b.Hash), b.Time, [.. b.Batches.Select(e => e.Batch.Id)], b.Burns.Values.Sum(v => v.Count),
                [.. b.Keys.Select(k => k.Session)], Hex(b.LatestExternalBlock(options.SeraiNetwork)), recipients.GetValueOrDefault(b.Number) ?? []))],
            reports.Views(),
            [.. notes]);

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
