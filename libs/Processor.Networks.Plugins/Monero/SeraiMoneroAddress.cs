using Processor.Monero.Addresses;
using Processor.Monero.Crypto;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// A Monero address as Serai's <c>ExternalAddress</c> names it (era B, <c>networks/monero/primitives</c>): one kind byte
/// (standard 0, subaddress 0x20, featured 0x40 | flags), the public spend key and the public view key. The plug-in pays
/// standard addresses and subaddresses; it also writes its own addresses (and what its outputs are locked by) this way.
/// </summary>
public static class SeraiMoneroAddress
{
    /// <summary>Kind byte, spend key, view key.</summary>
    public const int Length = 1 + (2 * EdwardsPoint.Length);

    /// <summary>The kind byte of a standard address.</summary>
    public const byte Standard = 0;

    /// <summary>The kind byte of a subaddress.</summary>
    public const byte Subaddress = 1 << 5;

    /// <summary>The bytes of the subaddress (<paramref name="spendKey"/>, <paramref name="viewKey"/>).</summary>
    public static byte[] OfSubaddress(EdwardsPoint spendKey, EdwardsPoint viewKey) => [Subaddress, .. spendKey.Encoding, .. viewKey.Encoding];

    /// <summary>
    /// <paramref name="address"/> when it names a standard address or subaddress the plug-in can pay (both keys torsion-free
    /// points, nothing after them), or null: featured addresses, wrong lengths, invalid keys.
    /// </summary>
    public static byte[]? Payable(ReadOnlySpan<byte> address) =>
        address.Length == Length
        && address[0] is Standard or Subaddress
        && IsPayableKey(address.Slice(1, EdwardsPoint.Length))
        && IsPayableKey(address.Slice(1 + EdwardsPoint.Length, EdwardsPoint.Length))
            ? address.ToArray()
            : null;

    /// <summary>
    /// The address <paramref name="address"/> names when it is one the plug-in can pay (<see cref="Payable"/>), with
    /// <paramref name="network"/>'s prefix (prefixes do not reach a transaction's bytes), or null.
    /// </summary>
    public static MoneroAddress? PayableAddress(ReadOnlySpan<byte> address, MoneroNetwork network) =>
        Payable(address) is null
            ? null
            : new MoneroAddress(
                network,
                address[0] == Subaddress ? MoneroAddressKind.Subaddress : MoneroAddressKind.Standard,
                EdwardsPoint.Decode(address.Slice(1, EdwardsPoint.Length)),
                EdwardsPoint.Decode(address[(1 + EdwardsPoint.Length)..]));

    private static bool IsPayableKey(ReadOnlySpan<byte> key) => EdwardsPoint.TryDecode(key, out var point) && point.IsTorsionFree && !point.IsIdentity;
}
