using System.Numerics;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.Multisig;

/// <summary>
/// The signers of one input and their checked preprocesses: every nonce is proven to be the same on G and Hp(P), every
/// key-image share K_i is proven to be x_i·Hp(P), and the input's key image is I = o·Hp(P) + Σ λ_i·K_i, which is
/// x·Hp(P) for x = b + o, the key image monerod computes. Every signer (and any aggregator) builds the same set from the
/// same preprocesses; the transaction's key images, and so its message, are known from here on (<see cref="Bind"/>).
/// </summary>
public sealed class ClsagSigningSet
{
    internal const string NonceProofDomain = "Processor Monero threshold CLSAG v1 nonce";
    internal const string KeyImageProofDomain = "Processor Monero threshold CLSAG v1 key-image share";

    private readonly Dictionary<int, Scalar> _lagrange;

    private ClsagSigningSet(MultisigPublicKey key, MultisigInput input, SortedDictionary<int, ClsagPreprocess> preprocesses, Dictionary<int, Scalar> lagrange, EdwardsPoint keyImage)
    {
        Key = key;
        Input = input;
        Preprocesses = preprocesses;
        _lagrange = lagrange;
        KeyImage = keyImage;
    }

    /// <summary>The threshold key.</summary>
    public MultisigPublicKey Key { get; }

    /// <summary>The input being signed.</summary>
    public MultisigInput Input { get; }

    /// <summary>Every signer's preprocess, by participant, ascending.</summary>
    public IReadOnlyDictionary<int, ClsagPreprocess> Preprocesses { get; }

    /// <summary>The input's key image x·Hp(P).</summary>
    public EdwardsPoint KeyImage { get; }

    /// <summary>
    /// Checks the preprocesses (one per signer, at least the threshold, all participants of the key) and combines the
    /// key image. Throws <see cref="ArgumentException"/> for a set that does not fit the key or the input, and
    /// <see cref="ThresholdClsagException"/> naming the signers whose nonce proofs or key-image shares are wrong.
    /// </summary>
    public static ClsagSigningSet Create(MultisigPublicKey key, MultisigInput input, IEnumerable<ClsagPreprocess> preprocesses)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(preprocesses);
        var group = Ed25519Group.Instance;
        if (EdwardsPoint.FromGroupElement(key.GroupKey + group.MultiplyGenerator(input.KeyOffset)) != input.OutputKey)
        {
            throw new ArgumentException("The real ring member's key is not the group key plus the input's key offset.", nameof(input));
        }

        var bySigner = new SortedDictionary<int, ClsagPreprocess>();
        foreach (var preprocess in preprocesses)
        {
            if (!key.VerifyingShares.ContainsKey(preprocess.Participant))
            {
                throw new ArgumentException($"Participant {preprocess.Participant} has no share of this key.", nameof(preprocesses));
            }

            if (!bySigner.TryAdd(preprocess.Participant, preprocess))
            {
                throw new ArgumentException($"Two preprocesses from participant {preprocess.Participant}.", nameof(preprocesses));
            }
        }

        if (bySigner.Count < key.Threshold)
        {
            throw new ArgumentException($"{bySigner.Count} signers are fewer than the threshold {key.Threshold}.", nameof(preprocesses));
        }

        var generator = input.KeyImageGenerator;
        ThrowForCulprits(ClsagFault.NonceProof, bySigner.Values.Where(p =>
            !p.Hiding.Proof.Verify(NonceProofDomain, p.Hiding.OnG, generator, p.Hiding.OnKeyImageGenerator, ProofContext("hiding", p.Participant, input))
            || !p.Binding.Proof.Verify(NonceProofDomain, p.Binding.OnG, generator, p.Binding.OnKeyImageGenerator, ProofContext("binding", p.Participant, input))));
        ThrowForCulprits(ClsagFault.KeyImageShare, bySigner.Values.Where(p =>
            !p.KeyImageShareProof.Verify(KeyImageProofDomain, key.VerifyingShares[p.Participant], generator, p.KeyImageShare, ProofContext("key image", p.Participant, input))));

        List<BigInteger> signers = [.. bySigner.Keys.Select(i => new BigInteger(i))];
        var lagrange = bySigner.Keys.ToDictionary(i => i, i => Interpolation.LagrangeAtZero(group, i, signers));
        var keyImage = group.Multiply(generator, input.KeyOffset);
        foreach (var (participant, preprocess) in bySigner)
        {
            keyImage += group.MultiplyPublic(preprocess.KeyImageShare, lagrange[participant]);
        }

        return new ClsagSigningSet(key, input, bySigner, lagrange, EdwardsPoint.FromGroupElement(keyImage));
    }

    /// <summary>
    /// Fixes what is signed: the pseudo-out commitment (its mask, known to every signer, from the transaction's
    /// transcript-seeded masks) and the transaction's 32-byte CLSAG message. Every signer and the aggregator bind alike.
    /// </summary>
    public ClsagSigningContext Bind(Scalar pseudoOutMask, ReadOnlySpan<byte> message) => new(this, pseudoOutMask, message);

    internal Scalar Lagrange(int participant) => _lagrange[participant];

    /// <summary>What a DLEq proof of <paramref name="participant"/> is bound to: its role, the signer and the output key P.</summary>
    internal static byte[] ProofContext(string role, int participant, MultisigInput input) =>
        [.. Encoding.ASCII.GetBytes(role), .. WireFormat.Participant(participant), .. input.OutputKey.Encoding];

    private static void ThrowForCulprits(ClsagFault fault, IEnumerable<ClsagPreprocess> culprits)
    {
        var participants = culprits.Select(p => p.Participant).ToList();
        if (participants.Count > 0)
        {
            throw new ThresholdClsagException(fault, participants);
        }
    }
}
