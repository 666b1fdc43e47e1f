using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;
using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;

namespace Processor.Bitcoin.Addresses;

/// <summary>
/// The one definition of the processor's addresses, shared by the scanner (which watches them) and the signer (which
/// spends from them).
/// <para>
/// For a group key <c>P</c> (x-only; the signer keeps the group key even-Y, so <c>lift_x(x(P)) = P</c>) and a kind
/// <c>K</c>: <c>offset_K = int(tagged_hash("Processor/address-kind", utf8(name_K))) mod n</c> with <c>name_K</c> the
/// lower-case kind name (<c>external</c>, <c>branch</c>, <c>change</c>, <c>forwarded</c>); the internal key is
/// <c>x(P + offset_K·G)</c>, and the output key is its BIP341 key-path tweak (no script tree, as BIP86):
/// <c>Q = lift_x(x(P + offset_K·G)) + hash_TapTweak(x(P + offset_K·G))·G</c>. The address pays <c>OP_1 x(Q)</c>.
/// </para>
/// <para>
/// Spending: the signers' key <c>d</c> (with <c>d·G = P</c>) becomes <c>d + offset_K</c>, negated when
/// <c>P + offset_K·G</c> has odd Y, then the TapTweak is added (negating again if <c>Q</c> has odd Y), as for any BIP341
/// key-path spend.
/// </para>
/// </summary>
public static class AddressKinds
{
    /// <summary>The BIP340 tag of the offset hash.</summary>
    public const string OffsetTag = "Processor/address-kind";

    private static readonly byte[][] Offsets = [.. Enum.GetValues<AddressKind>().Select(ComputeOffset)];

    /// <summary>All kinds, in declaration order.</summary>
    public static IReadOnlyList<AddressKind> All { get; } = Enum.GetValues<AddressKind>();

    /// <summary>The lower-case name that is hashed into the offset and used on the command line.</summary>
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

    /// <summary><c>offset_K</c> as a 32-byte big-endian scalar below the group order.</summary>
    public static byte[] Offset(AddressKind kind) => (byte[])Offsets[(int)kind].Clone();

    /// <summary>The taproot internal key <c>x(P + offset_K·G)</c> of <paramref name="groupKey"/> (x-only, even-Y).</summary>
    public static byte[] InternalKey(ReadOnlySpan<byte> groupKey, AddressKind kind) =>
        Bip340.TweakXOnlyPublicKey(groupKey, Offsets[(int)kind]).XOnly;

    /// <summary>The x-only output key <c>x(Q)</c> that the kind's address pays.</summary>
    public static byte[] OutputKey(ReadOnlySpan<byte> groupKey, AddressKind kind) => Taproot.OutputKey(InternalKey(groupKey, kind)).XOnly;

    /// <summary>The kind's output script: <c>OP_1 &lt;x(Q)&gt;</c>.</summary>
    public static byte[] ScriptPubKey(ReadOnlySpan<byte> groupKey, AddressKind kind) => ScriptPubKeys.PayToTaproot(OutputKey(groupKey, kind));

    /// <summary>The kind's bech32m address on <paramref name="network"/>.</summary>
    public static string Address(ReadOnlySpan<byte> groupKey, AddressKind kind, BitcoinNetwork network) =>
        new SegwitAddress(1, OutputKey(groupKey, kind)).Encode(network.Bech32Hrp);

    private static byte[] ComputeOffset(AddressKind kind)
    {
        using var offset = Secp256k1Group.Instance.ReduceWide(Bip340.TaggedHash(OffsetTag, System.Text.Encoding.UTF8.GetBytes(Name(kind))));
        return offset.Serialize();
    }
}
