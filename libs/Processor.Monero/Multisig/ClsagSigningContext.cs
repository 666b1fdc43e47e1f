using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Monero.Multisig;

/// <summary>
/// One input's signing round once the message is known, identical at every signer: FROST binding factors ρ_i from a
/// transcript of everything public, the aggregate nonce R = Σ (hiding_i + ρ_i·binding_i) on G and on Hp(P), the ring walk
/// with decoy responses derived from the same transcript (so all signers agree), and the challenge every share answers.
/// <see cref="Aggregate"/> turns the shares into a standard CLSAG.
/// </summary>
public sealed class ClsagSigningContext
{
    private static readonly Ed25519Group Group = Ed25519Group.Instance;

    private readonly byte[] _transcript;
    private readonly Dictionary<int, Scalar> _bindingFactors;
    private readonly Dictionary<int, Point> _nonceCommitmentsOnG;
    private readonly Scalar _maskDifference;
    private readonly ClsagSignCore _core;

    internal ClsagSigningContext(ClsagSigningSet set, Scalar pseudoOutMask, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(pseudoOutMask);
        if (message.Length != 32)
        {
            throw new ArgumentException($"A CLSAG message is 32 bytes (the transaction's pre-MLSAG hash), got {message.Length}.", nameof(message));
        }

        Set = set;
        var input = set.Input;
        Message = message.ToArray();
        PseudoOut = PedersenCommitment.Commit(pseudoOutMask, input.Amount);
        _maskDifference = input.CommitmentMask - pseudoOutMask;
        _transcript = Transcript(set, PseudoOut, message);
        _bindingFactors = set.Preprocesses.Keys.ToDictionary(i => i, i => Derive("binding", i));
        _nonceCommitmentsOnG = set.Preprocesses.ToDictionary(
            p => p.Key, p => p.Value.Hiding.OnG + Group.MultiplyPublic(p.Value.Binding.OnG, _bindingFactors[p.Key]));
        var nonceOnGenerator = Group.Sum(set.Preprocesses.Select(
            p => p.Value.Hiding.OnKeyImageGenerator + Group.MultiplyPublic(p.Value.Binding.OnKeyImageGenerator, _bindingFactors[p.Key])));

        var decoy = 0;
        _core = ClsagSigner.SignCore(
            input.Ring,
            input.RealIndex,
            set.KeyImage,
            PseudoOut,
            EdwardsPoint.FromGroupElement(Group.Multiply(input.KeyImageGenerator, _maskDifference)),
            message,
            EdwardsPoint.FromGroupElement(Group.Sum(_nonceCommitmentsOnG.Values)),
            EdwardsPoint.FromGroupElement(nonceOnGenerator),
            () => Derive("decoy response", decoy++));
    }

    /// <summary>The signers and the input.</summary>
    public ClsagSigningSet Set { get; }

    /// <summary>The signed message.</summary>
    public IReadOnlyList<byte> Message { get; }

    /// <summary>The pseudo-out commitment the CLSAG is signed against.</summary>
    public EdwardsPoint PseudoOut { get; }

    /// <summary>
    /// Combines one share per signer into the input's CLSAG, s_π = Σ z_i − c·μ_P·o − c·μ_C·(mask − pseudo-out mask), and
    /// checks it with <see cref="ClsagVerifier"/>. When it does not verify, every share is checked and a
    /// <see cref="ThresholdClsagException"/> names the signers whose shares are wrong.
    /// </summary>
    public SignedClsag Aggregate(IEnumerable<ClsagShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var bySigner = new Dictionary<int, ClsagShare>();
        foreach (var share in shares)
        {
            if (!Set.Preprocesses.ContainsKey(share.Participant) || !bySigner.TryAdd(share.Participant, share))
            {
                throw new ArgumentException($"Participant {share.Participant}'s share is not one signer's single share of this set.", nameof(shares));
            }
        }

        if (bySigner.Count != Set.Preprocesses.Count)
        {
            throw new ArgumentException($"Need a share from each of the {Set.Preprocesses.Count} signers, got {bySigner.Count}.", nameof(shares));
        }

        var response = Group.ScalarFromInteger(0);
        foreach (var share in bySigner.Values)
        {
            response += share.Response;
        }

        response = response - (_core.KeyChallenge * Set.Input.KeyOffset) - (_core.CommitmentChallenge * _maskDifference);
        var signed = new SignedClsag(_core.Complete(response), Set.KeyImage, PseudoOut);
        if (ClsagVerifier.Verify(signed.Signature, Set.Input.Ring, signed.KeyImage, signed.PseudoOut, [.. Message]))
        {
            return signed;
        }

        var culprits = bySigner.Values.Where(s => !VerifyShare(s)).Select(s => s.Participant).Order().ToList();
        throw culprits.Count > 0
            ? new ThresholdClsagException(ClsagFault.SignatureShare, culprits)
            : new InvalidOperationException("Every share verifies but the CLSAG does not.");
    }

    /// <summary>Whether <paramref name="share"/> is right: z_i·G = R_i − c·μ_P·λ_i·X_i (R_i the signer's bound nonce on G).</summary>
    public bool VerifyShare(ClsagShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        if (!_nonceCommitmentsOnG.TryGetValue(share.Participant, out var nonce) || share.Response.Group is not Ed25519Group)
        {
            return false;
        }

        var expected = nonce - Group.MultiplyPublic(Set.Key.VerifyingShares[share.Participant], KeyChallengeOf(share.Participant));
        return Group.MultiplyGenerator(share.Response) == expected;
    }

    /// <summary>ρ_i of <paramref name="participant"/>.</summary>
    internal Scalar BindingFactor(int participant) => _bindingFactors[participant];

    /// <summary>c·μ_P·λ_i: what the participant's share multiplies into its key share.</summary>
    internal Scalar KeyChallengeOf(int participant) => _core.KeyChallenge * Set.Lagrange(participant);

    private Scalar Derive(string what, int index)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, index);
        return Group.ReduceWide(SHA512.HashData([.. _transcript, .. Encoding.ASCII.GetBytes(what), .. number]));
    }

    /// <summary>A hash of everything public that the signature depends on, in a fixed order.</summary>
    private static byte[] Transcript(ClsagSigningSet set, EdwardsPoint pseudoOut, ReadOnlySpan<byte> message)
    {
        var input = set.Input;
        var bytes = new List<byte>(Encoding.ASCII.GetBytes("Processor Monero threshold CLSAG v1 transcript"));
        bytes.AddRange(message);
        bytes.AddRange(pseudoOut.Encoding);
        AddNumber(bytes, input.Ring.Count);
        foreach (var member in input.Ring)
        {
            bytes.AddRange(member.Key.Encoding);
            bytes.AddRange(member.Commitment.Encoding);
        }

        AddNumber(bytes, input.RealIndex);
        bytes.AddRange(input.KeyOffset.Serialize());
        bytes.AddRange(set.KeyImage.Encoding);
        foreach (var preprocess in set.Preprocesses.Values)
        {
            bytes.AddRange(preprocess.Serialize());
        }

        return SHA512.HashData([.. bytes]);
    }

    private static void AddNumber(List<byte> bytes, int value)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, value);
        bytes.AddRange(number);
    }
}
