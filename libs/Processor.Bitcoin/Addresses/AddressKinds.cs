using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;
using Processor.Crypto.Groups;
using Processor.Crypto.Hashing;

namespace Processor.Bitcoin.Addresses;

/// <summary>
/// The one definition of the processor's addresses, shared by the scanner (which watches them) and the signer (which
/// spends from them). They are Serai's (revision "next", <c>processor/bitcoin/src/scan.rs</c>), so users pay exactly
/// the addresses Serai publishes.
/// <para>
/// For a network key <c>K′</c> (<see cref="NetworkKey"/>; even Y) each kind has an offset <c>o</c> and the output key
/// <c>P = K′ + o·G</c>, which has even Y. External: <c>o = 0</c>. Branch, Change and Forwarded start from the base offset
/// <c>hash_to_F("Serai Bitcoin Processor Key Offset", label)</c> (labels <c>branch</c>, <c>change</c>, <c>forward</c>;
/// <see cref="HashToField"/>) and add 1 while <c>K′ + o·G</c> has odd Y, so a key's offsets depend on the key. The
/// script is <c>OP_1 &lt;x(P)&gt;</c>: P is the taproot output key itself, with no further BIP341 tweak (the tweak was
/// applied once, to the network key).
/// </para>
/// <para>
/// Spending: the secret of <c>P</c> is the network key's secret plus <see cref="Offset"/> (in FROST, the threshold key
/// offset by it); as <c>P</c> has even Y, it signs an ordinary BIP340 key-path signature without negation.
/// </para>
/// </summary>
public static class AddressKinds
{
    /// <summary>Serai's <c>KEY_DST</c>, the hash_to_F domain of the base offsets.</summary>
    public const string OffsetDomain = "Serai Bitcoin Processor Key Offset";

    private static readonly Secp256k1Group Curve = Secp256k1Group.Instance;

    // base·G per kind, computed once: deriving a key's output key is then one addition plus the make-even steps.
    private static readonly (Scalar Offset, Point Point)?[] BaseOffsets = [.. Enum.GetValues<AddressKind>().Select(ComputeBaseOffset)];

    /// <summary>All kinds, in declaration order (Serai's registration order).</summary>
    public static IReadOnlyList<AddressKind> All { get; } = Enum.GetValues<AddressKind>();

    /// <summary>The lower-case name used on the command line and in output.</summary>
    public static string Name(AddressKind kind) => kind switch
    {
        AddressKind.External => "external",
        AddressKind.Branch => "branch",
        AddressKind.Change => "change",
        AddressKind.Forwarded => "forwarded",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an address kind."),
    };

    /// <summary>The kind named <paramref name="name"/> (case-insensitive).</summary>
    public static AddressKind Parse(string name) =>
        All.Select(k => (AddressKind?)k).FirstOrDefault(k => string.Equals(Name(k!.Value), name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown address kind '{name}' (known: {string.Join(", ", All.Select(Name))}).", nameof(name));

    /// <summary>
    /// The kind's offset <c>o</c> for <paramref name="networkKey"/> (32-byte x-only or 33-byte <c>02 ‖ x</c>), as a
    /// 32-byte big-endian scalar: what a spend of the kind's outputs adds to the network key's secret.
    /// </summary>
    public static byte[] Offset(ReadOnlySpan<byte> networkKey, AddressKind kind)
    {
        var (offset, _) = Derive(networkKey, kind);
        using (offset)
        {
            return offset.Serialize();
        }
    }

    /// <summary>The x-only output key <c>x(K′ + o·G)</c> that the kind's address pays.</summary>
    public static byte[] OutputKey(ReadOnlySpan<byte> networkKey, AddressKind kind)
    {
        var (offset, outputKey) = Derive(networkKey, kind);
        offset.Dispose();
        return Curve.XOnly(outputKey);
    }

    /// <summary>The kind's output script: <c>OP_1 &lt;x(P)&gt;</c>.</summary>
    public static byte[] ScriptPubKey(ReadOnlySpan<byte> networkKey, AddressKind kind) =>
        ScriptPubKeys.PayToTaproot(OutputKey(networkKey, kind));

    /// <summary>The kind's bech32m address on <paramref name="network"/>.</summary>
    public static string Address(ReadOnlySpan<byte> networkKey, AddressKind kind, BitcoinNetwork network) =>
        new SegwitAddress(1, OutputKey(networkKey, kind)).Encode(network.Bech32Hrp);

    private static (Scalar Offset, Point OutputKey) Derive(ReadOnlySpan<byte> networkKey, AddressKind kind)
    {
        var key = NetworkKey.Parse(networkKey);
        if (BaseOffsets[(int)Checked(kind)] is not { } baseOffset)
        {
            return (Curve.ScalarFromInteger(0), key);
        }

        var (outputKey, increments) = NetworkKey.MakeEven(key + baseOffset.Point);
        using var makeEven = Curve.ScalarFromInteger(increments);
        return (baseOffset.Offset + makeEven, outputKey);
    }

    private static (Scalar Offset, Point Point)? ComputeBaseOffset(AddressKind kind)
    {
        if (OffsetLabel(kind) is not { } label)
        {
            return null;
        }

        var offset = HashToField.Secp256k1(label, OffsetDomain);
        return (offset, Curve.MultiplyGenerator(offset));
    }

    /// <summary>Serai's label of the kind's base offset; External has none (offset 0).</summary>
    private static string? OffsetLabel(AddressKind kind) => Checked(kind) switch
    {
        AddressKind.Branch => "branch",
        AddressKind.Change => "change",
        AddressKind.Forwarded => "forward",
        _ => null,
    };

    private static AddressKind Checked(AddressKind kind) =>
        Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an address kind.");
}
