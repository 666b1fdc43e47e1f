using Processor.Crypto.Groups;

namespace Processor.Monero.Multisig;

/// <summary>
/// One signer's part in signing one input with its share of a threshold key (FROST's two rounds, over Ed25519, for the
/// key x = b + o): the constructor draws the hiding and binding nonces and makes the <see cref="Preprocess"/> to send;
/// <see cref="Sign"/> answers the bound round with this signer's share and erases the nonces, so they sign once, ever.
/// Not thread-safe. Dispose it to erase nonces that were never used.
/// </summary>
/// <remarks>
/// Preprocesses cannot be cached across transactions: the nonces are committed on this input's Hp(P). As with FROST in
/// the signer, the caller must record that the attempt started before the preprocess leaves, and abandon it after a
/// restart (the nonces live only in this object).
/// </remarks>
public sealed class ThresholdClsagSigner : IDisposable
{
    private static readonly Ed25519Group Group = Ed25519Group.Instance;

    private readonly MultisigKeyShare _key;
    private Scalar? _hiding;
    private Scalar? _binding;

    /// <summary>Starts signing <paramref name="input"/> with <paramref name="key"/> (used, not owned).</summary>
    public ThresholdClsagSigner(MultisigKeyShare key, MultisigInput input)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(input);
        _key = key;
        Input = input;
        _hiding = Group.RandomScalar();
        _binding = Group.RandomScalar();
        var generator = input.KeyImageGenerator;
        Preprocess = new ClsagPreprocess(
            key.Participant,
            Commit(_hiding, generator, ClsagSigningSet.ProofContext("hiding", key.Participant, input)),
            Commit(_binding, generator, ClsagSigningSet.ProofContext("binding", key.Participant, input)),
            Group.Multiply(generator, key.Secret),
            DleqProof.Create(
                ClsagSigningSet.KeyImageProofDomain, key.Secret, key.PublicKey.VerifyingShares[key.Participant], generator,
                Group.Multiply(generator, key.Secret), ClsagSigningSet.ProofContext("key image", key.Participant, input)));
    }

    /// <summary>The input being signed.</summary>
    public MultisigInput Input { get; }

    /// <summary>This signer's first message: nonce commitments on G and Hp(P) with proofs, and its key-image share.</summary>
    public ClsagPreprocess Preprocess { get; }

    /// <summary>
    /// This signer's share z_i = hiding + ρ_i·binding − c·μ_P·λ_i·x_i for <paramref name="context"/>, which must be for
    /// this input and carry this signer's preprocess unchanged. Erases the nonces: a second call throws.
    /// </summary>
    public ClsagShare Sign(ClsagSigningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_hiding is null || _binding is null)
        {
            throw new InvalidOperationException("This signer's nonces were already used (or disposed); start a new attempt.");
        }

        if (context.Set.Input.OutputKey != Input.OutputKey || context.Set.Key.GroupKey != _key.PublicKey.GroupKey)
        {
            throw new ArgumentException("The signing context is for another input or another key.", nameof(context));
        }

        if (!context.Set.Preprocesses.TryGetValue(_key.Participant, out var own) || !own.Serialize().AsSpan().SequenceEqual(Preprocess.Serialize()))
        {
            throw new ArgumentException("The signing context does not carry this signer's preprocess.", nameof(context));
        }

        var (hiding, binding) = (_hiding, _binding);
        (_hiding, _binding) = (null, null);
        using (hiding)
        using (binding)
        {
            using var boundBinding = binding * context.BindingFactor(_key.Participant);
            using var nonce = hiding + boundBinding;
            using var keyed = context.KeyChallengeOf(_key.Participant) * _key.Secret;
            return new ClsagShare(_key.Participant, nonce - keyed);
        }
    }

    /// <summary>Erases unused nonces.</summary>
    public void Dispose()
    {
        _hiding?.Dispose();
        _binding?.Dispose();
        (_hiding, _binding) = (null, null);
    }

    private static ClsagNonceCommitment Commit(Scalar nonce, Point generator, byte[] context)
    {
        var onG = Group.MultiplyGenerator(nonce);
        var onGenerator = Group.Multiply(generator, nonce);
        return new ClsagNonceCommitment(onG, onGenerator, DleqProof.Create(ClsagSigningSet.NonceProofDomain, nonce, onG, generator, onGenerator, context));
    }
}
