namespace Processor.Networks;

/// <summary>An eventuality resolved by a block: the transaction that completes it.</summary>
/// <param name="EventualityIndex">Index into the eventualities given to <see cref="IEventualityMatcher.FindCompletions"/>.</param>
/// <param name="TransactionId">The completing transaction's id.</param>
public sealed record EventualityCompletion(int EventualityIndex, byte[] TransactionId);

/// <summary>
/// Decides whether a finalized transaction completes a plan. An eventuality is opaque bytes made by the plug-in when it
/// plans (<see cref="IPlanEventualities"/>; Bitcoin: the plan transaction's txid, which is not malleable for segwit spends).
/// </summary>
public interface IEventualityMatcher
{
    /// <summary>Whether <paramref name="eventuality"/> is something this plug-in could have made.</summary>
    bool IsWellFormed(ReadOnlySpan<byte> eventuality);

    /// <summary>The eventualities that transactions of <paramref name="block"/> complete, ordered by index.</summary>
    IReadOnlyList<EventualityCompletion> FindCompletions(NetworkBlock block, IReadOnlyList<byte[]> eventualities);

    /// <summary>
    /// The id of <paramref name="signedTransaction"/> (serialized as the network's nodes accept it) when it is the
    /// transaction <paramref name="eventuality"/> waits for; null when it is not, or is no transaction of this network.
    /// </summary>
    byte[]? CompletingTransactionId(ReadOnlySpan<byte> eventuality, ReadOnlySpan<byte> signedTransaction);
}
