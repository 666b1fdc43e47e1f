using System.Text.Json;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Serialization;
using Processor.Testing;

namespace Processor.Monero.Tests.RingCt;

/// <summary>
/// The two real RingCT type-6 transactions of the vectors, with what CLSAG and Bulletproofs+ verification needs taken
/// from their decoded JSON: <c>serai-clsag_tx.json</c> (2 inputs, rings in <c>serai-ring_data.json</c>) and mainnet
/// <c>2f650db5…</c> of <c>serai-transactions.json</c>.
/// </summary>
internal sealed class RingCtVectors
{
    private RingCtVectors(JsonElement tx, byte[] bytes, string? expectedSignatureHash)
    {
        Json = tx;
        Bytes = bytes;
        ExpectedSignatureHash = expectedSignatureHash;
        var rct = tx.GetProperty("rct_signatures");
        var prunable = tx.GetProperty("rctsig_prunable");
        OutputCommitments = [.. rct.GetProperty("outPk").EnumerateArray().Select(Point)];
        KeyImages = [.. tx.GetProperty("vin").EnumerateArray().Select(i => Point(i.GetProperty("key").GetProperty("k_image")))];
        PseudoOuts = [.. prunable.GetProperty("pseudoOuts").EnumerateArray().Select(Point)];
        var bp = prunable.GetProperty("bpp")[0];
        Proof = new BulletproofPlus(
            Point(bp.GetProperty("A")),
            Point(bp.GetProperty("A1")),
            Point(bp.GetProperty("B")),
            Scalar(bp.GetProperty("r1")),
            Scalar(bp.GetProperty("s1")),
            Scalar(bp.GetProperty("d1")),
            [.. bp.GetProperty("L").EnumerateArray().Select(Point)],
            [.. bp.GetProperty("R").EnumerateArray().Select(Point)]);
        Clsags = [.. prunable.GetProperty("CLSAGs").EnumerateArray().Select(c => new Clsag(
            [.. c.GetProperty("s").EnumerateArray().Select(Scalar)],
            Scalar(c.GetProperty("c1")),
            Point(c.GetProperty("D"))))];
        var extra = tx.GetProperty("extra").EnumerateArray().Select(b => b.GetByte()).ToArray();
        PrefixLength = bytes.AsSpan().IndexOf(extra) + extra.Length;
        var outputs = OutputCommitments.Count;
        BaseLength = 1 + Varint.Length(rct.GetProperty("txnFee").GetUInt64()) + (8 * outputs) + (32 * outputs);
    }

    public static RingCtVectors ClsagTransaction { get; } = LoadClsagTransaction();

    public static RingCtVectors MainnetType6 { get; } = LoadMainnet("2f650db5");

    public JsonElement Json { get; }

    public byte[] Bytes { get; }

    public string? ExpectedSignatureHash { get; }

    public IReadOnlyList<EdwardsPoint> OutputCommitments { get; }

    public IReadOnlyList<EdwardsPoint> KeyImages { get; }

    public IReadOnlyList<EdwardsPoint> PseudoOuts { get; }

    public BulletproofPlus Proof { get; }

    public IReadOnlyList<Clsag> Clsags { get; }

    /// <summary>The prefix ends with the extra field (whose bytes the JSON lists).</summary>
    public int PrefixLength { get; }

    /// <summary>Type-6 RCT base: type, varint fee, 8-byte encrypted amounts, 32-byte outPk.</summary>
    public int BaseLength { get; }

    /// <summary>Where the prunable part starts: <c>nbp</c> (varint 1), then the proof's bytes.</summary>
    public int ProofOffset => PrefixLength + BaseLength + 1;

    /// <summary>
    /// The CLSAG message (<c>get_pre_mlsag_hash</c>): Keccak(prefix hash ‖ Keccak(RCT base) ‖ Keccak(proof fields without
    /// lengths)). The library's transaction type computes it later; here the vector's own bytes are sliced, and the
    /// mainnet transaction's <c>signature_hash</c> checks the slicing.
    /// </summary>
    public byte[] SignatureHash()
    {
        var proofFields = new MoneroWriter();
        Proof.WriteForSignatureHash(proofFields);
        return MoneroHash.Keccak(
            MoneroHash.Keccak(Bytes.AsSpan(0, PrefixLength)),
            MoneroHash.Keccak(Bytes.AsSpan(PrefixLength, BaseLength)),
            MoneroHash.Keccak(proofFields.Written));
    }

    /// <summary>The rings of <c>serai-ring_data.json</c>, one per input of the CLSAG transaction.</summary>
    public static IReadOnlyList<IReadOnlyList<RingMember>> ClsagRings() =>
        [.. RepositoryPaths.VectorJson("monero/serai-ring_data.json").EnumerateArray().Select(ring =>
            (IReadOnlyList<RingMember>)[.. ring.EnumerateArray().Select(m => new RingMember(Point(m.GetProperty("key")), Point(m.GetProperty("mask"))))])];

    private static RingCtVectors LoadClsagTransaction()
    {
        var json = RepositoryPaths.VectorJson("monero/serai-clsag_tx.json");
        return new RingCtVectors(json.GetProperty("tx"), Convert.FromHexString(json.GetProperty("hex").GetString()!), null);
    }

    private static RingCtVectors LoadMainnet(string idPrefix)
    {
        var entry = RepositoryPaths.VectorJson("monero/serai-transactions.json").EnumerateArray()
            .Single(e => e.GetProperty("id").GetString()!.StartsWith(idPrefix, StringComparison.Ordinal));
        return new RingCtVectors(entry.GetProperty("tx"), Convert.FromHexString(entry.GetProperty("hex").GetString()!), entry.GetProperty("signature_hash").GetString());
    }

    private static EdwardsPoint Point(JsonElement hex) => EdwardsPoint.FromHex(hex.GetString()!);

    private static Processor.Crypto.Groups.Scalar Scalar(JsonElement hex) => MoneroScalars.Decode(Convert.FromHexString(hex.GetString()!));
}
