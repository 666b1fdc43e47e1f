using Processor.Crypto.Groups;

namespace Processor.Monero.Multisig;

/// <summary>One participant's secret share x_i of a <see cref="MultisigPublicKey"/>. Dispose it to zero the share.</summary>
public sealed class MultisigKeyShare : IDisposable
{
    private readonly Scalar _secret;

    /// <summary>Checks that <paramref name="secretShare"/>·G is the participant's verifying share; the share is copied.</summary>
    public MultisigKeyShare(int participant, Scalar secretShare, MultisigPublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(secretShare);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!publicKey.VerifyingShares.TryGetValue(participant, out var verifyingShare))
        {
            throw new ArgumentException($"Participant {participant} has no share of this key.", nameof(participant));
        }

        if (secretShare.Group is not Ed25519Group || Ed25519Group.Instance.MultiplyGenerator(secretShare) != verifyingShare)
        {
            throw new ArgumentException($"The secret share is not participant {participant}'s share of this key.", nameof(secretShare));
        }

        Participant = participant;
        PublicKey = publicKey;
        _secret = secretShare.Copy();
    }

    /// <summary>This participant's index.</summary>
    public int Participant { get; }

    /// <summary>The key this is a share of.</summary>
    public MultisigPublicKey PublicKey { get; }

    internal Scalar Secret => _secret;

    /// <summary>Zeroes the share.</summary>
    public void Dispose() => _secret.Dispose();

    /// <summary>Participant only.</summary>
    public override string ToString() => $"Monero multisig share of participant {Participant}";
}
