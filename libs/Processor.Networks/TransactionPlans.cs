namespace Processor.Networks;

/// <summary>An output a plan spends.</summary>
/// <param name="Id">Where it is.</param>
/// <param name="Amount">Its amount, in the coin's smallest unit.</param>
/// <param name="LockingScript">What locks it (Bitcoin: the scriptPubKey); the signature hash commits to it.</param>
/// <param name="Kind">The address kind that received it: selects the key offset the input is signed with.</param>
public sealed record PlannedInput(OutputReference Id, ulong Amount, byte[] LockingScript, OutputKind Kind)
{
    /// <summary>The plug-in's bytes for spending the output, as its scanner reported them (<see cref="ReceivedOutput.SpendData"/>); empty for Bitcoin.</summary>
    public byte[] SpendData { get; init; } = [];
}

/// <summary>An output a plan creates (a payment or the change).</summary>
/// <param name="LockingScript">Its destination (Bitcoin: the scriptPubKey).</param>
/// <param name="Amount">Its amount, in the coin's smallest unit.</param>
public sealed record PlannedOutput(byte[] LockingScript, ulong Amount);

/// <summary>A plan as the signer receives it from the scheduler, without anything network-specific.</summary>
/// <param name="NetworkKey">The spending key in its published form (Bitcoin: the 32-byte x-only network key).</param>
/// <param name="Inputs">The outputs spent, in transaction order.</param>
/// <param name="Payments">The outputs paid, in transaction order.</param>
/// <param name="Change">The change output, placed after the payments; null when the plan has none.</param>
public sealed record TransactionPlan(byte[] NetworkKey, IReadOnlyList<PlannedInput> Inputs, IReadOnlyList<PlannedOutput> Payments, PlannedOutput? Change);

/// <summary>Thrown when a plan cannot be a transaction of this network (the message says why).</summary>
public sealed class InvalidPlanException : Exception
{
    public InvalidPlanException()
    {
    }

    public InvalidPlanException(string message)
        : base(message)
    {
    }

    public InvalidPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Builds a plan's unsigned transaction exactly as every validator builds it (the scheduler's eventuality is its id),
/// with what each input's threshold signature must sign.
/// </summary>
public interface ITransactionSigningPlanner
{
    /// <summary>The network key in its published form for a threshold group key (its group encoding).</summary>
    /// <exception cref="InvalidPlanException">The group key is not one this network's keys can be.</exception>
    byte[] PublishedKey(ReadOnlySpan<byte> groupKey);

    /// <summary>The unsigned transaction of <paramref name="plan"/> and each input's signing data.</summary>
    /// <exception cref="InvalidPlanException">The plan is not a valid transaction of this network.</exception>
    ISignableTransaction Prepare(TransactionPlan plan);
}
