using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;

namespace Processor.Monero.Scanning;

/// <summary>
/// Finds the outputs paid to a wallet's registered subaddresses, with its private view key: for each output, the derivation
/// 8·a·R (and 8·a·Rᵢ when the sender added per-output keys) is checked against the view tag, the spend key it implies is
/// looked up in the <see cref="SubaddressTable"/>, and the amount is decrypted and checked against its commitment.
/// Timelocked transactions (which includes every miner transaction) are skipped, as Serai's processor keeps only outputs it
/// can spend once the block is final.
/// </summary>
public sealed class ViewKeyScanner : IDisposable
{
    private readonly Scalar _viewSecretKey;
    private readonly SubaddressTable _subaddresses;
    private readonly Dictionary<SubaddressIndex, Scalar> _subaddressOffsets = [];

    /// <param name="viewSecretKey">The private view key a (the scanner keeps a copy, wiped on dispose).</param>
    /// <param name="subaddresses">The subaddresses to find, made with the same view key.</param>
    public ViewKeyScanner(Scalar viewSecretKey, SubaddressTable subaddresses)
    {
        ArgumentNullException.ThrowIfNull(viewSecretKey);
        ArgumentNullException.ThrowIfNull(subaddresses);
        _viewSecretKey = viewSecretKey.Copy();
        _subaddresses = subaddresses;
        foreach (var index in subaddresses.Indices.Where(i => !i.IsPrimary))
        {
            _subaddressOffsets[index] = WalletKeys.SubaddressOffset(_viewSecretKey, index.Major, index.Minor);
        }
    }

    /// <summary>
    /// The outputs of <paramref name="transactions"/> (a block's, in block order) that are ours. An output key seen twice
    /// (the "burning bug": a second payment to the same one-time key cannot be spent) is reported once, the first time.
    /// </summary>
    public IReadOnlyList<ReceivedOutput> Scan(IEnumerable<ScannableTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var found = new List<ReceivedOutput>();
        var seenKeys = new HashSet<EdwardsPoint>();
        foreach (var transaction in transactions)
        {
            found.AddRange(Scan(transaction).Where(output => seenKeys.Add(output.Key)));
        }

        return found;
    }

    /// <summary>The outputs of one transaction that are ours.</summary>
    /// <exception cref="ArgumentException">The transaction's output indices do not match its outputs.</exception>
    public IReadOnlyList<ReceivedOutput> Scan(ScannableTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.IsCoinbase || transaction.UnlockTime != 0)
        {
            return [];
        }

        if (transaction.GlobalOutputIndices.Count != transaction.Outputs.Count)
        {
            throw new ArgumentException(
                $"Transaction {transaction.Hash} has {transaction.Outputs.Count} outputs but {transaction.GlobalOutputIndices.Count} global indices.",
                nameof(transaction));
        }

        var main = transaction.PublicKey is { } key ? KeyDerivation.Generate(key, _viewSecretKey) : null;
        var perOutputKeys = transaction.AdditionalPublicKeys.Count == transaction.Outputs.Count ? transaction.AdditionalPublicKeys : null;
        var found = new List<ReceivedOutput>();
        for (var i = 0; i < transaction.Outputs.Count; i++)
        {
            var additional = perOutputKeys is null ? null : KeyDerivation.Generate(perOutputKeys[i], _viewSecretKey);
            foreach (var derivation in new[] { main, additional }.OfType<KeyDerivation>())
            {
                if (TryReceive(transaction, i, derivation) is { } output)
                {
                    found.Add(output);
                    break;
                }
            }
        }

        return found;
    }

    public void Dispose()
    {
        _viewSecretKey.Dispose();
        foreach (var offset in _subaddressOffsets.Values)
        {
            offset.Dispose();
        }
    }

    private ReceivedOutput? TryReceive(ScannableTransaction transaction, int index, KeyDerivation derivation)
    {
        var output = transaction.Outputs[index];
        var position = (ulong)index;
        if (output.Key is not { } key || (output.ViewTag is { } tag && derivation.ViewTag(position) != tag))
        {
            return null;
        }

        var sharedSecret = derivation.ToScalar(position);
        if (!_subaddresses.TryFind(key.Subtract(EdwardsPoint.MultiplyBase(sharedSecret)), out var subaddress))
        {
            sharedSecret.Dispose();
            return null;
        }

        if (!TryOpenAmount(output, sharedSecret, out var amount, out var mask))
        {
            // Our key but an amount that does not open the commitment: unspendable, so not ours to report.
            sharedSecret.Dispose();
            return null;
        }

        var keyOffset = _subaddressOffsets.TryGetValue(subaddress, out var subaddressOffset) ? sharedSecret + subaddressOffset : sharedSecret.Copy();
        sharedSecret.Dispose();
        return new ReceivedOutput(
            transaction.Hash,
            index,
            transaction.GlobalOutputIndices[index],
            key,
            subaddress,
            amount,
            mask,
            keyOffset,
            transaction.EncryptedPaymentId is { } paymentId ? derivation.XorPaymentId(paymentId) : null,
            transaction.ArbitraryData?.ToArray());
    }

    private static bool TryOpenAmount(ScannableOutput output, Scalar sharedSecret, out ulong amount, out Scalar mask)
    {
        if (output.EncryptedAmount is null)
        {
            // A plaintext amount: the chain treats it as committed with mask 1.
            amount = output.PlainAmount;
            mask = MoneroScalars.FromUInt64(1);
            return true;
        }

        amount = AmountEncryption.Decrypt(output.EncryptedAmount, sharedSecret);
        mask = AmountEncryption.CommitmentMask(sharedSecret);
        if (output.Commitment is { } commitment && PedersenCommitment.Commit(mask, amount) == commitment)
        {
            return true;
        }

        mask.Dispose();
        return false;
    }
}
