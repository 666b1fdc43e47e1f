using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Scanning;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// Serai's Monero network key: the DKG's Ed25519 group key, untweaked, used as the public spend key of every address, with
/// Serai's shared view key (<see cref="SeraiViewKey"/>) as the private view key.
/// </summary>
public static class MoneroNetworkKey
{
    /// <summary>The spend key <paramref name="networkKey"/> encodes.</summary>
    /// <exception cref="FormatException">Not 32 bytes, not a point, not in the prime-order subgroup, or the identity (the message says which).</exception>
    public static EdwardsPoint Parse(ReadOnlySpan<byte> networkKey)
    {
        if (networkKey.Length != EdwardsPoint.Length)
        {
            throw new FormatException($"A Monero network key is a 32-byte compressed Ed25519 point, not {networkKey.Length} bytes.");
        }

        if (!EdwardsPoint.TryDecode(networkKey, out var point))
        {
            throw new FormatException($"The Monero network key {Convert.ToHexStringLower(networkKey)} is not an Ed25519 point encoding.");
        }

        return point.IsIdentity || !point.IsTorsionFree
            ? throw new FormatException($"The Monero network key {Convert.ToHexStringLower(networkKey)} is the identity or has a torsion component: no group key is.")
            : point;
    }

    /// <summary>Whether <paramref name="networkKey"/> is a well-formed network key (see <see cref="Parse"/>).</summary>
    public static bool IsValid(ReadOnlySpan<byte> networkKey)
    {
        try
        {
            Parse(networkKey);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The public spend and view keys of <paramref name="networkKey"/>'s address of <paramref name="kind"/>.</summary>
    /// <exception cref="FormatException">The key is not a network key.</exception>
    public static (EdwardsPoint Spend, EdwardsPoint View) AddressKeys(ReadOnlySpan<byte> networkKey, OutputKind kind)
    {
        var spend = Parse(networkKey);
        var index = MoneroOutputKinds.ToSubaddress(kind);
        using var viewKey = SeraiViewKey.Derive();
        return WalletKeys.SubaddressPublicKeys(spend, viewKey, index.Major, index.Minor);
    }

    /// <summary>The address of <paramref name="kind"/> as wallets write it (what a user pays to deposit).</summary>
    public static MoneroAddress Address(ReadOnlySpan<byte> networkKey, OutputKind kind, MoneroNetwork network)
    {
        var (spend, view) = AddressKeys(networkKey, kind);
        return new MoneroAddress(network, MoneroAddressKind.Subaddress, spend, view);
    }
}
