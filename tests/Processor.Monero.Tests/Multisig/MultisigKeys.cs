using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Monero.Crypto;
using Processor.Monero.Multisig;
using Processor.Monero.RingCt;

namespace Processor.Monero.Tests.Multisig;

/// <summary>
/// A t-of-n Ed25519 key dealt from a known group secret b (so tests can compute the single-key key image), as the
/// Monero multisig types hold it, and a 16-member ring whose real member is owned by b + o.
/// </summary>
internal sealed class MultisigKeys : IDisposable
{
    public const int RingSize = 16;

    private MultisigKeys(Scalar groupSecret, MultisigPublicKey publicKey, Dictionary<int, MultisigKeyShare> shares)
    {
        GroupSecret = groupSecret;
        PublicKey = publicKey;
        Shares = shares;
    }

    public Scalar GroupSecret { get; }

    public MultisigPublicKey PublicKey { get; }

    public IReadOnlyDictionary<int, MultisigKeyShare> Shares { get; }

    public static MultisigKeys Deal(int threshold, int participants)
    {
        var group = Ed25519Group.Instance;
        var secret = group.RandomScalar();
        var dealt = TrustedDealer.Split(secret, threshold, [.. Enumerable.Range(1, participants).Select(i => Identifier.FromIndex(group, i))]);
        var publicKey = ToMonero(dealt.PublicKey);
        return new MultisigKeys(secret, publicKey, dealt.Shares.ToDictionary(s => (int)s.Identifier.Number, s => ToMonero(s, publicKey)));
    }

    /// <summary>The Monero view of a FROST public key package (participants by index).</summary>
    public static MultisigPublicKey ToMonero(ThresholdPublicKey key) =>
        new(key.GroupPublicKey, key.VerifyingShares.ToDictionary(p => (int)p.Key.Number, p => p.Value), key.Threshold);

    /// <summary>The Monero view of a FROST key share.</summary>
    public static MultisigKeyShare ToMonero(KeyShare share, MultisigPublicKey publicKey)
    {
        var bytes = share.ExportSigningShare();
        using var secret = Ed25519Group.Instance.DeserializeScalar(bytes);
        Array.Clear(bytes);
        return new MultisigKeyShare((int)share.Identifier.Number, secret, publicKey);
    }

    /// <summary>An input of <paramref name="amount"/> at <paramref name="realIndex"/> of a random ring, owned by B + o·G for a random o.</summary>
    public static MultisigInput NewInput(MultisigPublicKey key, int realIndex, ulong amount)
    {
        var group = Ed25519Group.Instance;
        var offset = group.RandomScalar();
        var mask = group.RandomScalar();
        var ring = Enumerable.Range(0, RingSize)
            .Select(_ => new RingMember(EdwardsPoint.MultiplyBase(group.RandomScalar()), EdwardsPoint.MultiplyBase(group.RandomScalar())))
            .ToArray();
        ring[realIndex] = new RingMember(EdwardsPoint.FromGroupElement(key.GroupKey + group.MultiplyGenerator(offset)), PedersenCommitment.Commit(mask, amount));
        return new MultisigInput(ring, realIndex, offset, mask, amount);
    }

    public void Dispose()
    {
        GroupSecret.Dispose();
        foreach (var share in Shares.Values)
        {
            share.Dispose();
        }
    }
}
