using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// One participant's secret share of a threshold key (RFC 9591's <c>sk_i</c> with its identifier and the group public key),
/// as produced by a DKG or <see cref="TrustedDealer"/>. Holds a secret: dispose it when done (zeroes the share).
/// </summary>
public sealed class KeyShare : IDisposable
{
    private readonly Scalar _signingShare;

    /// <summary>A share; <paramref name="signingShare"/> is copied (the caller still owns and disposes its own).</summary>
    public KeyShare(Identifier identifier, Scalar signingShare, Point groupPublicKey, int threshold)
    {
        if (!ReferenceEquals(identifier.Group, signingShare.Group) || !ReferenceEquals(identifier.Group, groupPublicKey.Group))
        {
            throw new ArgumentException("Identifier, share and group key must belong to the same group.");
        }

        if (groupPublicKey.IsIdentity || threshold < 1)
        {
            throw new ArgumentException("The group key cannot be the identity and the threshold is at least 1.");
        }

        Identifier = identifier;
        _signingShare = signingShare.Copy();
        GroupPublicKey = groupPublicKey;
        Threshold = threshold;
        VerifyingShare = Group.MultiplyGenerator(_signingShare);
    }

    /// <summary>The group.</summary>
    public PrimeOrderGroup Group => Identifier.Group;

    /// <summary>This participant's identifier.</summary>
    public Identifier Identifier { get; }

    /// <summary>The group's public key (before any <see cref="KeyOffset"/> or taproot tweak).</summary>
    public Point GroupPublicKey { get; }

    /// <summary>This participant's public verifying share, <c>sk_i·G</c>.</summary>
    public Point VerifyingShare { get; }

    /// <summary>The minimum number of signers.</summary>
    public int Threshold { get; }

    internal Scalar SigningShare => _signingShare;

    /// <summary>
    /// This share of the key <c>P + o·G</c> (the share gains <c>o</c>): a tweak applied once, at key generation, such as
    /// Serai's Bitcoin network-key tweak, after which signing needs no tweak. This share stays valid; dispose both.
    /// </summary>
    public KeyShare WithOffset(KeyOffset offset)
    {
        var map = KeyMap.Offset(GroupPublicKey, offset);
        using var offsetShare = map.Apply(_signingShare);
        return new KeyShare(Identifier, offsetShare, map.VerifyingKey, Threshold);
    }

    /// <summary>The secret share's encoding, e.g. to encrypt it at rest. The caller must clear the returned array.</summary>
    public byte[] ExportSigningShare() => _signingShare.Serialize();

    /// <summary>Zeroes the secret share.</summary>
    public void Dispose() => _signingShare.Dispose();

    /// <summary>Identifier and group only.</summary>
    public override string ToString() => $"{Group.Name} key share of participant {Identifier}";
}
