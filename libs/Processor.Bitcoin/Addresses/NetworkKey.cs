using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;

namespace Processor.Bitcoin.Addresses;

/// <summary>
/// Serai's Bitcoin network key (<c>tweak_keys</c> at Serai's revision "next"). The key a DKG produces, <c>K</c> (any Y
/// parity), is never used as it is: with <c>t = int(hash_TapTweak(x(K))) mod n</c> (BIP341's tweak for "no script tree",
/// which commits to an unspendable script path), <c>K + t·G</c> is incremented by <c>G</c> until its Y is even, <c>c</c>
/// times, giving the network key <c>K′ = K + (t + c)·G</c>. Every participant adds the same scalar <c>t + c</c> to the
/// group key and its share at key generation, so no tweak is needed when signing. <c>K′</c> is published as its 32-byte
/// X coordinate (even Y is implied); the 33-byte <c>02 ‖ x</c> form is accepted as input too.
/// </summary>
public static class NetworkKey
{
    /// <summary>Length of the published form, <c>x(K′)</c>.</summary>
    public const int Length = 32;

    private static readonly Secp256k1Group Curve = Secp256k1Group.Instance;

    /// <summary>The tweak and the network key of the DKG group key <paramref name="groupKey"/> (33-byte SEC1, either parity).</summary>
    /// <exception cref="FormatException">The key is not a 33-byte compressed secp256k1 point.</exception>
    public static NetworkKeyDerivation FromGroupKey(ReadOnlySpan<byte> groupKey)
    {
        var key = groupKey.Length == Length + 1
            ? Curve.DeserializeElement(groupKey)
            : throw new FormatException(
                $"A group key is a 33-byte compressed secp256k1 point (02 or 03 ‖ x), not {groupKey.Length} bytes.");

        // Reduced like any hash_to_F output: Serai adds the tweak as a scalar, with no "hash ≥ n" failure as in BIP341.
        using var tapTweak = Curve.ReduceWide(Taproot.Tweak(Curve.XOnly(key)));
        var (networkKey, increments) = MakeEven(key + Curve.MultiplyGenerator(tapTweak));
        using var makeEven = Curve.ScalarFromInteger(increments);
        using var tweak = tapTweak + makeEven;
        return new NetworkKeyDerivation(tweak.Serialize(), Curve.XOnly(networkKey), increments);
    }

    /// <summary>The even-Y point named by a published network key: <c>x(K′)</c> (32 bytes) or <c>02 ‖ x(K′)</c> (33 bytes).</summary>
    /// <exception cref="FormatException">
    /// Another length, a <c>03</c> prefix (a network key has even Y), or no curve point with that X.
    /// </exception>
    public static Point Parse(ReadOnlySpan<byte> networkKey)
    {
        var xOnly = networkKey.Length switch
        {
            Length => networkKey,
            Length + 1 when networkKey[0] == 0x02 => networkKey[1..],
            Length + 1 => throw new FormatException("A 33-byte network key starts with 02: network keys have even Y."),
            _ => throw new FormatException($"A network key is 32 bytes (x-only) or 33 bytes (02 ‖ x), not {networkKey.Length}."),
        };
        return Curve.LiftX(xOnly);
    }

    /// <summary>Serai's <c>make_even</c>: adds <c>G</c> until the Y coordinate is even; returns the point and how many times.</summary>
    internal static (Point Even, int Increments) MakeEven(Point point)
    {
        var increments = 0;
        while (Curve.HasOddY(point))
        {
            point += Curve.Generator;
            increments++;
        }

        return (point, increments);
    }
}

/// <summary>The result of <see cref="NetworkKey.FromGroupKey"/>.</summary>
/// <param name="Tweak">
/// <c>t + c</c> as a 32-byte big-endian scalar: what key generation adds to the group key and to every threshold share.
/// </param>
/// <param name="NetworkKey">The published network key <c>x(K′)</c>, 32 bytes.</param>
/// <param name="MakeEvenIncrements"><c>c</c>, how many times <c>G</c> was added to make the Y coordinate even.</param>
public sealed record NetworkKeyDerivation(byte[] Tweak, byte[] NetworkKey, int MakeEvenIncrements)
{
    /// <summary>The network key in SEC1 compressed form, <c>02 ‖ x(K′)</c>.</summary>
    public byte[] NetworkKeySec1 => [0x02, .. NetworkKey];
}
