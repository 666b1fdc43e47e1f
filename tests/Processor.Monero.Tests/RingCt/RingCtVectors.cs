using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Transactions;
using Processor.Testing;

namespace Processor.Monero.Tests.RingCt;

/// <summary>
/// The two real RingCT type-6 transactions of the vectors, parsed by the library: <c>serai-clsag_tx.json</c> (2 inputs,
/// rings in <c>serai-ring_data.json</c>) and mainnet <c>2f650db5…</c> of <c>serai-transactions.json</c>.
/// </summary>
internal sealed class RingCtVectors
{
    private RingCtVectors(string hex)
    {
        Transaction = MoneroTransaction.ParseHex(hex);
        var prunable = Transaction.Prunable!;
        OutputCommitments = [.. Transaction.RctBase!.OutputCommitments.Select(k => k.ToPoint())];
        KeyImages = [.. Transaction.Prefix.Inputs.Cast<KeyInput>().Select(i => i.KeyImage.ToPoint())];
        PseudoOuts = [.. prunable.PseudoOutputs.Select(k => k.ToPoint())];
        Proof = (BulletproofPlus)prunable.RangeProofs.Single();
        Clsags = prunable.Clsags;
        SignatureHash = Transaction.SignatureHash();
    }

    public static RingCtVectors ClsagTransaction { get; } =
        new(RepositoryPaths.VectorJson("monero/serai-clsag_tx.json").GetProperty("hex").GetString()!);

    public static RingCtVectors MainnetType6 { get; } =
        new(RepositoryPaths.VectorJson("monero/serai-transactions.json").EnumerateArray()
            .Single(e => e.GetProperty("id").GetString()!.StartsWith("2f650db5", StringComparison.Ordinal))
            .GetProperty("hex").GetString()!);

    public MoneroTransaction Transaction { get; }

    public IReadOnlyList<EdwardsPoint> OutputCommitments { get; }

    public IReadOnlyList<EdwardsPoint> KeyImages { get; }

    public IReadOnlyList<EdwardsPoint> PseudoOuts { get; }

    public BulletproofPlus Proof { get; }

    public IReadOnlyList<Clsag> Clsags { get; }

    /// <summary>The CLSAG message (<c>get_pre_mlsag_hash</c>), from the library's transaction type.</summary>
    public byte[] SignatureHash { get; }

    /// <summary>The rings of <c>serai-ring_data.json</c>, one per input of the CLSAG transaction.</summary>
    public static IReadOnlyList<IReadOnlyList<RingMember>> ClsagRings() =>
        [.. RepositoryPaths.VectorJson("monero/serai-ring_data.json").EnumerateArray().Select(ring =>
            (IReadOnlyList<RingMember>)[.. ring.EnumerateArray().Select(m => new RingMember(
                EdwardsPoint.FromHex(m.GetProperty("key").GetString()!), EdwardsPoint.FromHex(m.GetProperty("mask").GetString()!)))])];

    /// <summary>A copy of <paramref name="key"/> with one bit flipped.</summary>
    public static RctKey Flip(RctKey key, int byteIndex, byte mask)
    {
        var bytes = key.ToArray();
        bytes[byteIndex] ^= mask;
        return new RctKey(bytes);
    }
}
