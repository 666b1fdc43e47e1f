using System.Security.Cryptography;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>The FROST signing protocol (RFC 9591 §5) over this suite.</summary>
public abstract partial class FrostCiphersuite
{
    /// <summary>
    /// Round 1: draws fresh nonces for <paramref name="share"/> (RFC 9591 nonce_generate: <c>H3(32 random bytes ‖ sk_i)</c>),
    /// hands their public commitments to <paramref name="recordAttempt"/>, and only when that has completed returns the
    /// nonces, whose <see cref="SigningNonces.Commitments"/> may then be sent.
    /// </summary>
    /// <remarks>
    /// This is the "persist before the commitments leave" rule by construction: <paramref name="recordAttempt"/> is where the
    /// caller durably records that this signing attempt has started (e.g. its id and the commitments, in the signer's
    /// database) — never the nonces, which cannot be serialized. If it throws, the nonces are zeroed and nothing can ever
    /// sign with them. After a restart the recorded attempt has no nonces any more: it is abandoned and a new attempt (new
    /// nonces) is requested, so no nonce can be used twice.
    /// </remarks>
    public async Task<SigningNonces> CommitAsync(
        KeyShare share, Func<SigningCommitments, CancellationToken, Task> recordAttempt, CancellationToken cancellationToken)
    {
        var hiding = RandomNumberGenerator.GetBytes(32);
        var binding = RandomNumberGenerator.GetBytes(32);
        var nonces = CreateNonces(share, hiding, binding);
        CryptographicOperations.ZeroMemory(hiding);
        CryptographicOperations.ZeroMemory(binding);
        try
        {
            await recordAttempt(nonces.Commitments, cancellationToken);
            return nonces;
        }
        catch
        {
            nonces.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Round 2: this signer's share of the signature for <paramref name="package"/> (RFC 9591 §5.2, with the key mapped for
    /// the package's offset and, for taproot, even-Y and tweak). Consumes <paramref name="nonces"/>: they are zeroed and can
    /// never sign again, even if this throws after validation.
    /// </summary>
    public SignatureShare Sign(SigningPackage package, SigningNonces nonces, KeyShare share)
    {
        if (!ReferenceEquals(nonces.Suite, this) || nonces.Commitments.Identifier != share.Identifier)
        {
            throw new ArgumentException("These nonces were made by another suite or another signer.", nameof(nonces));
        }

        if (package.Find(share.Identifier) != nonces.Commitments)
        {
            throw new ArgumentException("The package does not carry this signer's commitments.", nameof(package));
        }

        if (package.Signers.Count < share.Threshold)
        {
            throw new ArgumentException($"{package.Signers.Count} signers are fewer than the threshold {share.Threshold}.", nameof(package));
        }

        var (hiding, binding) = nonces.Take();
        try
        {
            var context = SigningContext.Create(this, package, share.GroupPublicKey);
            if (context.NegatesNonces)
            {
                (hiding, binding) = (Replace(hiding, -hiding), Replace(binding, -binding));
            }

            using var lambda = context.Lagrange(share.Identifier);
            using var mappedShare = context.Map.Apply(share.SigningShare);
            using var bound = binding * context.BindingFactor(share.Identifier);
            using var keyed = lambda * mappedShare;
            using var challenged = keyed * context.Challenge;
            using var nonceSum = hiding + bound;
            using var z = nonceSum + challenged;
            return new SignatureShare(share.Identifier, z);
        }
        finally
        {
            hiding.Dispose();
            binding.Dispose();
        }
    }

    /// <summary>
    /// Aggregates the shares of every signer in <paramref name="package"/> into the final signature (RFC 9591 §5.3) and
    /// checks it. When it does not verify, every share is checked and an <see cref="InvalidSignatureShareException"/> names
    /// the signers whose shares are wrong.
    /// </summary>
    public byte[] Aggregate(SigningPackage package, IEnumerable<SignatureShare> shares, ThresholdPublicKey publicKey)
    {
        var bySigner = shares.ToDictionary(s => s.Identifier);
        if (bySigner.Count != package.Signers.Count || package.Signers.Any(s => !bySigner.ContainsKey(s)))
        {
            throw new ArgumentException("Need exactly one share from every signer of the package.", nameof(shares));
        }

        if (package.Signers.Count < publicKey.Threshold || package.Signers.Any(s => !publicKey.VerifyingShares.ContainsKey(s)))
        {
            throw new ArgumentException("The signers are fewer than the threshold or not all part of the key.", nameof(package));
        }

        var context = SigningContext.Create(this, package, publicKey.GroupPublicKey);
        var z = Group.ScalarFromInteger(0);
        foreach (var share in bySigner.Values)
        {
            var sum = z + share.Share;
            z.Dispose();
            z = sum;
        }

        var signature = EncodeSignature(context.GroupCommitment, z);
        if (Verify(signature, package.Message, context.Map.VerifyingKey))
        {
            return signature;
        }

        var culprits = package.Signers.Where(s => !VerifyShare(context, bySigner[s], publicKey.VerifyingShares[s])).ToList();
        throw culprits.Count > 0
            ? new InvalidSignatureShareException(culprits)
            : new InvalidOperationException("Every share verifies but the signature does not.");
    }

    /// <summary>
    /// Whether <paramref name="share"/> is correct for <paramref name="package"/> (RFC 9591 §5.4:
    /// <c>z_i·G == R_i + (c·λ_i)·Y_i</c> with the mapped verifying share <c>Y_i</c>).
    /// </summary>
    public bool VerifyShare(SigningPackage package, SignatureShare share, ThresholdPublicKey publicKey) =>
        package.Signers.Contains(share.Identifier)
        && publicKey.VerifyingShares.TryGetValue(share.Identifier, out var verifyingShare)
        && VerifyShare(SigningContext.Create(this, package, publicKey.GroupPublicKey), share, verifyingShare);

    /// <summary>
    /// The key that signatures for <paramref name="groupPublicKey"/> with <paramref name="offset"/> verify under:
    /// <c>P + o·G</c>; for the taproot suites the even-Y (and, when tweaking, BIP341-tweaked) key whose X coordinate is the
    /// BIP340 public key (see <see cref="TaprootCiphersuite"/> for the order).
    /// </summary>
    public Point VerifyingKey(Point groupPublicKey, KeyOffset? offset = null) => KeyMapFor(groupPublicKey, offset).VerifyingKey;

    /// <summary>Round 1 from given randomness, for the RFC's test vectors only.</summary>
    internal SigningNonces CreateNonces(KeyShare share, ReadOnlySpan<byte> hidingRandomness, ReadOnlySpan<byte> bindingRandomness)
    {
        if (!ReferenceEquals(share.Group, Group))
        {
            throw new ArgumentException($"Not a {Group.Name} key share.", nameof(share));
        }

        var hiding = GenerateNonce(hidingRandomness, share.SigningShare);
        var binding = GenerateNonce(bindingRandomness, share.SigningShare);
        var commitments = new SigningCommitments(share.Identifier, Group.MultiplyGenerator(hiding), Group.MultiplyGenerator(binding));
        return new SigningNonces(this, hiding, binding, commitments);
    }

    private Scalar GenerateNonce(ReadOnlySpan<byte> randomness, Scalar secret)
    {
        byte[] input = [.. randomness, .. secret.Bytes];
        try
        {
            return HashToScalar("nonce", input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    private bool VerifyShare(SigningContext context, SignatureShare share, Point verifyingShare)
    {
        using var lambda = context.Lagrange(share.Identifier);
        using var factor = context.Challenge * lambda;
        var expected = context.CommitmentShare(share.Identifier) + Group.MultiplyPublic(context.Map.Apply(verifyingShare), factor);
        return Group.MultiplyGenerator(share.Share) == expected;
    }

    private static Scalar Replace(Scalar old, Scalar replacement)
    {
        old.Dispose();
        return replacement;
    }
}
