using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>
/// The transaction keys of a planned transaction and the outputs they make. Everything is drawn from a
/// <see cref="ChaCha20Rng"/> seeded by Keccak(domain ‖ r-seed ‖ the spent outputs' keys, sorted), so the signers and the
/// eventuality recompute the same r, and with it the same tx extra and outputs, before anything is signed. The r-seed is
/// secret: whoever holds it can read every output's amount.
/// </summary>
internal sealed class TransactionKeys : IDisposable
{
    private static readonly byte[] Domain = "Processor.Monero transaction keys"u8.ToArray();

    private TransactionKeys(ChaCha20Rng random, Scalar main, IReadOnlyList<Scalar>? additional)
    {
        Random = random;
        Main = main;
        Additional = additional;
    }

    /// <summary>The stream the keys were drawn from, positioned after them (the builder keeps drawing from it).</summary>
    public ChaCha20Rng Random { get; }

    /// <summary>r; R = r·G is extra field 1.</summary>
    public Scalar Main { get; }

    /// <summary>One rᵢ per output when paying a subaddress (Rᵢ = rᵢ·Dᵢ for a subaddress, rᵢ·G otherwise), else null.</summary>
    public IReadOnlyList<Scalar>? Additional { get; }

    /// <summary>The keys for spending <paramref name="inputKeys"/> to <paramref name="outputCount"/> outputs.</summary>
    public static TransactionKeys Derive(ReadOnlySpan<byte> rSeed, IEnumerable<EdwardsPoint> inputKeys, int outputCount, bool paysSubaddress)
    {
        if (rSeed.Length != ChaCha20Rng.SeedLength)
        {
            throw new ArgumentException($"An r-seed is {ChaCha20Rng.SeedLength} bytes, not {rSeed.Length}.", nameof(rSeed));
        }

        var sortedKeys = inputKeys.Select(k => k.ToArray()).Order(ByteOrder.Instance);
        var random = new ChaCha20Rng(MoneroHash.Keccak(sortedKeys.Prepend(rSeed.ToArray()).Prepend(Domain)));
        var main = random.NextScalar();
        var additional = paysSubaddress ? Enumerable.Range(0, outputCount).Select(_ => random.NextScalar()).ToList() : null;
        return new TransactionKeys(random, main, additional);
    }

    /// <summary>Extra field 1 (R), then field 4 (the Rᵢ) when there are additional keys.</summary>
    public IEnumerable<TxExtraField> PublicKeyFields(IReadOnlyList<Payment> outputs)
    {
        yield return new TxExtraPublicKey(RctKey.From(EdwardsPoint.MultiplyBase(Main)));
        if (Additional is not null)
        {
            yield return new TxExtraAdditionalPublicKeys([.. outputs.Select((p, i) =>
                RctKey.From(p.Address.IsSubaddress ? p.Address.SpendKey.Multiply(Additional[i]) : EdwardsPoint.MultiplyBase(Additional[i])))]);
        }
    }

    /// <summary>The shared secret with output <paramref name="index"/>'s recipient: 8·r·A (8·rᵢ·A with additional keys).</summary>
    public KeyDerivation Derivation(int index, Payment payment) =>
        KeyDerivation.Generate(payment.Address.ViewKey, Additional?[index] ?? Main);

    /// <summary>Output <paramref name="index"/> paying <paramref name="payment"/>.</summary>
    public PlannedOutput Output(int index, Payment payment)
    {
        var derivation = Derivation(index, payment);
        var position = (ulong)index;
        using var amountKey = derivation.ToScalar(position);
        var key = EdwardsPoint.MultiplyBase(amountKey).Add(payment.Address.SpendKey);
        var mask = AmountEncryption.CommitmentMask(amountKey);
        return new PlannedOutput(
            new TransactionOutput(0, RctKey.From(key), derivation.ViewTag(position)),
            AmountEncryption.Encrypt(payment.Amount, amountKey),
            RctKey.From(PedersenCommitment.Commit(mask, payment.Amount)),
            mask,
            payment.Amount);
    }

    public void Dispose()
    {
        Main.Dispose();
        foreach (var key in Additional ?? [])
        {
            key.Dispose();
        }
    }

    /// <summary>Lexicographic order of byte strings.</summary>
    internal sealed class ByteOrder : IComparer<byte[]>
    {
        public static ByteOrder Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
