using Processor.Monero.Crypto;
using Processor.Monero.RingCt.Arithmetic;
using Processor.Monero.Serialization;

namespace Processor.Monero.RingCt;

/// <summary>
/// Monero's Bulletproofs+ generator vectors (<c>get_exponent</c>): Hbold_i = Hp(Keccak(H ‖ "bulletproof_plus" ‖ varint(2i)))
/// and Gbold_i with varint(2i + 1), for 16 × 64 bits; and the transcript's initial constant. Derived once, on first use
/// (two thousand hash-to-point maps).
/// </summary>
internal sealed class BulletproofPlusGenerators
{
    /// <summary>The most commitments one proof covers.</summary>
    public const int MaxCommitments = 16;

    /// <summary>Bits per amount.</summary>
    public const int CommitmentBits = 64;

    /// <summary>Index of Gbold_0 in <see cref="Table"/>; Gbold_i is at <c>GBoldIndex + i</c>.</summary>
    public const int GBoldIndex = 0;

    /// <summary>Index of Hbold_0 in <see cref="Table"/>; Hbold_i is at <c>HBoldIndex + i</c>.</summary>
    public const int HBoldIndex = MaxCommitments * CommitmentBits;

    /// <summary>Index of Monero's H in <see cref="Table"/> (after the 1,024 Gbold and the 1,024 Hbold).</summary>
    public const int ValueGeneratorIndex = 2 * MaxCommitments * CommitmentBits;

    /// <summary>Index of Ed25519's G in <see cref="Table"/>.</summary>
    public const int MaskGeneratorIndex = ValueGeneratorIndex + 1;

    private static readonly Lazy<BulletproofPlusGenerators> Shared = new(() => new BulletproofPlusGenerators());

    private readonly Lazy<FixedBaseTable> _table;

    private BulletproofPlusGenerators()
    {
        const int count = MaxCommitments * CommitmentBits;
        byte[] prefix = [.. MoneroGenerators.H.Encoding, .. "bulletproof_plus"u8];
        var g = new ExtendedPoint[count];
        var h = new ExtendedPoint[count];
        for (var i = 0; i < count; i++)
        {
            h[i] = Derive(prefix, (ulong)(2 * i));
            g[i] = Derive(prefix, (ulong)((2 * i) + 1));
        }

        GBold = g;
        HBold = h;
        ValueGenerator = ExtendedPoint.From(MoneroGenerators.H);
        MaskGenerator = ExtendedPoint.From(MoneroGenerators.G);
        TranscriptSeed = MoneroHash.HashToPoint(MoneroHash.Keccak("bulletproof_plus_transcript"u8)).ToArray();
        _table = new(() => new FixedBaseTable([.. g, .. h, ValueGenerator, MaskGenerator]));
    }

    public static BulletproofPlusGenerators Instance => Shared.Value;

    public IReadOnlyList<ExtendedPoint> GBold { get; }

    public IReadOnlyList<ExtendedPoint> HBold { get; }

    /// <summary>Monero's H, which the Bulletproofs+ paper calls g (it scales values).</summary>
    public ExtendedPoint ValueGenerator { get; }

    /// <summary>Ed25519's G, which the paper calls h (it scales masks).</summary>
    public ExtendedPoint MaskGenerator { get; }

    /// <summary>Hp(Keccak("bulletproof_plus_transcript")), the first 32 bytes every transcript hashes.</summary>
    public byte[] TranscriptSeed { get; }

    /// <summary>
    /// Gbold_0 … Gbold_1023, Hbold_0 … Hbold_1023, H and G with precomputed multiples, for the sums over these fixed
    /// points (about 8 MB, built on first use: 65,000 points from 500,000 doublings).
    /// </summary>
    public FixedBaseTable Table => _table.Value;


    private static ExtendedPoint Derive(byte[] prefix, ulong index) =>
        ExtendedPoint.From(MoneroHash.HashToPoint(MoneroHash.Keccak([.. prefix, .. Varint.Encode(index)])));
}
