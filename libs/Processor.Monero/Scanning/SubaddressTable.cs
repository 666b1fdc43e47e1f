using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;

namespace Processor.Monero.Scanning;

/// <summary>
/// The spend keys of the subaddresses a scanner looks for, by key: an output is to subaddress (i, j) when its one-time key
/// minus the derived offset Hs(D ‖ n)·G is that subaddress's spend key D_ij = B + m_ij·G. Only registered indices are found.
/// </summary>
public sealed class SubaddressTable
{
    private readonly Dictionary<EdwardsPoint, SubaddressIndex> _byKey = [];
    private readonly Dictionary<SubaddressIndex, EdwardsPoint> _byIndex = [];

    /// <param name="spendPublicKey">The wallet's public spend key B.</param>
    /// <param name="viewSecretKey">The wallet's private view key a (the table keeps a copy).</param>
    /// <param name="indices">The subaddresses to look for; the primary address is always included.</param>
    public SubaddressTable(EdwardsPoint spendPublicKey, Scalar viewSecretKey, IEnumerable<SubaddressIndex> indices)
    {
        ArgumentNullException.ThrowIfNull(spendPublicKey);
        ArgumentNullException.ThrowIfNull(viewSecretKey);
        ArgumentNullException.ThrowIfNull(indices);
        SpendPublicKey = spendPublicKey;
        foreach (var index in indices.Prepend(SubaddressIndex.Primary).Distinct())
        {
            var (spend, _) = WalletKeys.SubaddressPublicKeys(spendPublicKey, viewSecretKey, index.Major, index.Minor);
            _byKey[spend] = index;
            _byIndex[index] = spend;
        }
    }

    /// <summary>The wallet's public spend key B.</summary>
    public EdwardsPoint SpendPublicKey { get; }

    /// <summary>The registered subaddresses (with the primary address).</summary>
    public IReadOnlyCollection<SubaddressIndex> Indices => _byIndex.Keys;

    /// <summary>The subaddress whose spend key is <paramref name="spendKey"/>, if registered.</summary>
    public bool TryFind(EdwardsPoint spendKey, out SubaddressIndex index) => _byKey.TryGetValue(spendKey, out index);

    /// <summary>The spend key of a registered subaddress.</summary>
    public EdwardsPoint SpendKeyOf(SubaddressIndex index) =>
        _byIndex.TryGetValue(index, out var key) ? key : throw new KeyNotFoundException($"Subaddress {index} is not in the table.");
}
