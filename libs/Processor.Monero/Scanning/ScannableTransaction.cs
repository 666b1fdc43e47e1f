using Processor.Monero.Crypto;
using Processor.Monero.Transactions;

namespace Processor.Monero.Scanning;

/// <summary>
/// What a view-key scan reads of a transaction: its outputs, the transaction public keys and the payment id and data fields
/// of its extra, and where its outputs sit in the chain's amount-0 output list.
/// </summary>
/// <param name="Hash">The txid (lowercase hex).</param>
/// <param name="IsCoinbase">Whether it is a block's miner transaction.</param>
/// <param name="UnlockTime">Its unlock time (0 = none; otherwise a height or a Unix time).</param>
/// <param name="PublicKey">The transaction public key R (extra field 1); null when absent or not a valid key.</param>
/// <param name="AdditionalPublicKeys">One key per output (extra field 4), when the sender paid subaddresses; else empty.</param>
/// <param name="Outputs">The outputs, in order.</param>
/// <param name="GlobalOutputIndices">Each output's global amount-0 index, as <c>get_transactions</c> reports it.</param>
/// <param name="EncryptedPaymentId">The 8-byte encrypted payment id (extra nonce 0x01), if any.</param>
/// <param name="ArbitraryData">The first arbitrary-data field (extra nonce with marker 127) without the marker, if any.</param>
public sealed record ScannableTransaction(
    string Hash,
    bool IsCoinbase,
    ulong UnlockTime,
    EdwardsPoint? PublicKey,
    IReadOnlyList<EdwardsPoint> AdditionalPublicKeys,
    IReadOnlyList<ScannableOutput> Outputs,
    IReadOnlyList<ulong> GlobalOutputIndices,
    byte[]? EncryptedPaymentId,
    byte[]? ArbitraryData)
{
    /// <summary>
    /// The scan's view of a parsed transaction, with its outputs' global indices (<c>get_transactions</c>'s
    /// <c>output_indices</c>). Keys that are not curve points are read as absent: outputs to them can never be ours.
    /// </summary>
    /// <exception cref="ArgumentException">The number of indices differs from the number of outputs.</exception>
    public static ScannableTransaction From(MoneroTransaction transaction, IReadOnlyList<ulong> globalOutputIndices)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(globalOutputIndices);
        var hash = Convert.ToHexStringLower(transaction.Hash());
        var outputs = transaction.Prefix.Outputs;
        if (globalOutputIndices.Count != outputs.Count)
        {
            throw new ArgumentException($"Transaction {hash} has {outputs.Count} outputs but {globalOutputIndices.Count} global indices.", nameof(globalOutputIndices));
        }

        var extra = TxExtra.Parse(transaction.Prefix.Extra);
        var additional = extra.AdditionalPublicKeys.Select(Point).ToList();
        // Compact amounts (RCT types 4 and later) are the only ones a block after hard fork 10 can carry.
        var amounts = transaction.RctBase is { Type: >= RctType.Bulletproof2 } rct ? rct : null;
        return new ScannableTransaction(
            hash,
            transaction.IsCoinbase,
            transaction.Prefix.UnlockTime,
            extra.PublicKey is { } key ? Point(key) : null,
            additional.Contains(null) ? [] : additional.OfType<EdwardsPoint>().ToList(),
            outputs.Select((output, i) => new ScannableOutput(
                Point(output.Key),
                output.ViewTag,
                amounts?.EncryptedAmounts[i],
                amounts is null ? null : Point(amounts.OutputCommitments[i]),
                output.Amount)).ToList(),
            globalOutputIndices,
            extra.Nonces.Select(n => n.EncryptedPaymentId).FirstOrDefault(id => id is not null),
            extra.FirstArbitraryData);
    }

    private static EdwardsPoint? Point(RctKey key) => EdwardsPoint.TryDecode(key.Bytes, out var point) ? point : null;
}

/// <summary>One output as a scan reads it.</summary>
/// <param name="Key">The one-time output key P; null when the bytes are not a curve point (then it is nobody's).</param>
/// <param name="ViewTag">Its view tag (outputs since hard fork 15), or null.</param>
/// <param name="EncryptedAmount">The 8-byte encrypted amount (RingCT compact ecdhInfo), or null for a plaintext amount.</param>
/// <param name="Commitment">The amount commitment (RingCT outPk), or null for a plaintext amount.</param>
/// <param name="PlainAmount">The plaintext amount (miner and pre-RingCT outputs); 0 under RingCT.</param>
public sealed record ScannableOutput(EdwardsPoint? Key, byte? ViewTag, byte[]? EncryptedAmount, EdwardsPoint? Commitment, ulong PlainAmount);
