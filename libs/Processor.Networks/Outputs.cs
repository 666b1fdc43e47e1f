namespace Processor.Networks;

/// <summary>Why an output was received, told by the address (key offset) it paid (Serai's <c>OutputType</c>).</summary>
public enum OutputKind
{
    /// <summary>Paid by a user to the External address; the only kind that carries an instruction.</summary>
    External,

    /// <summary>Created by one of our plans to fund a child plan of a payment tree.</summary>
    Branch,

    /// <summary>Change of one of our plans.</summary>
    Change,

    /// <summary>Forwarded from a retiring key to its successor.</summary>
    Forwarded,
}

/// <summary>Where an output is: the transaction that created it and its index there.</summary>
/// <param name="TransactionId">The transaction's id, opaque bytes in the network's byte order.</param>
/// <param name="Index">The output's index in that transaction.</param>
public sealed record OutputReference(byte[] TransactionId, int Index);

/// <summary>An output received by one of the scanned keys (never under the network's dust).</summary>
/// <param name="KeyIndex">Which of the scanned keys received it (index into the list given to the scanner).</param>
/// <param name="Kind">Which of the key's addresses it paid.</param>
/// <param name="Id">Where it is.</param>
/// <param name="SeraiCoin">Serai's <c>Coin</c> received.</param>
/// <param name="Amount">Amount in the coin's smallest unit.</param>
/// <param name="LockingScript">What locks it (Bitcoin: the scriptPubKey).</param>
/// <param name="Instruction">External only: the instruction data found with it (truncated to 512 bytes), else empty.</param>
/// <param name="PresumedOrigin">Who presumably sent it, as Serai's <c>ExternalAddress</c> bytes; empty when unknown.</param>
public sealed record ReceivedOutput(
    int KeyIndex,
    OutputKind Kind,
    OutputReference Id,
    int SeraiCoin,
    ulong Amount,
    byte[] LockingScript,
    byte[] Instruction,
    byte[] PresumedOrigin)
{
    /// <summary>
    /// What the plug-in needs besides the id to spend the output (Monero: its one-time key, global index, commitment mask
    /// and key offset), in the plug-in's own encoding; empty when the id is enough (Bitcoin). The scanner and the scheduler
    /// store it and pass it on to the plan's <see cref="PlannedInput.SpendData"/> without reading it.
    /// </summary>
    public byte[] SpendData { get; init; } = [];
}

/// <summary>Scans a block for the outputs of a set of keys.</summary>
public interface IOutputScanner
{
    /// <summary>Whether <paramref name="networkKey"/> is a well-formed network key in its published form.</summary>
    bool IsValidNetworkKey(ReadOnlySpan<byte> networkKey);

    /// <summary>
    /// The outputs of <paramref name="block"/> paying any kind of address of <paramref name="networkKeys"/>, dust left out,
    /// ordered by key index, then transaction id bytes, then index. Deterministic: the result for one key does not depend on
    /// the other keys scanned with it.
    /// </summary>
    Task<IReadOnlyList<ReceivedOutput>> ScanAsync(NetworkBlock block, IReadOnlyList<byte[]> networkKeys, CancellationToken cancellationToken);
}
