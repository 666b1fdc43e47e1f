using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt.Arithmetic;

namespace Processor.Monero.RingCt;

/// <summary>
/// Signs RingCT inputs with CLSAG as monerod's <c>proveRctCLSAGSimple</c> does. The random source supplies the nonce
/// and the decoys' responses; <see cref="SystemRandom"/> is the operating system's CSPRNG.
/// </summary>
public static class ClsagSigner
{
    /// <summary>The largest ring signed here (Monero's consensus uses 16; the format allows more).</summary>
    public const int MaxRingSize = 255;

    /// <summary>Uniform non-zero scalars from the operating system's CSPRNG.</summary>
    public static Func<Scalar> SystemRandom { get; } = MoneroScalars.Group.RandomScalar;

    /// <summary>
    /// Signs every input of a transaction. Pseudo-out masks are random except the last, which makes the pseudo-outs'
    /// masks sum to <paramref name="sumOfOutputMasks"/> so that inputs and outputs balance (amounts are the caller's).
    /// </summary>
    public static IReadOnlyList<SignedClsag> SignAll(IReadOnlyList<ClsagInput> inputs, Scalar sumOfOutputMasks, ReadOnlySpan<byte> message, Func<Scalar> random)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sumOfOutputMasks);
        ArgumentNullException.ThrowIfNull(random);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("A transaction signs at least one input.", nameof(inputs));
        }

        var signed = new SignedClsag[inputs.Count];
        var sumOfPseudoOutMasks = MoneroScalars.FromUInt64(0);
        for (var i = 0; i < inputs.Count; i++)
        {
            var mask = i == inputs.Count - 1 ? sumOfOutputMasks - sumOfPseudoOutMasks : random();
            sumOfPseudoOutMasks += mask;
            signed[i] = Sign(inputs[i], mask, message, random);
        }

        return signed;
    }

    /// <summary>Signs one input against the pseudo-out commitment pseudoOutMask·G + amount·H.</summary>
    public static SignedClsag Sign(ClsagInput input, Scalar pseudoOutMask, ReadOnlySpan<byte> message, Func<Scalar> random)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(pseudoOutMask);
        ArgumentNullException.ThrowIfNull(random);

        var keyImageGenerator = input.KeyImageGenerator;
        var keyImage = keyImageGenerator.Multiply(input.SecretKey);
        var pseudoOut = PedersenCommitment.Commit(pseudoOutMask, input.Amount);
        var maskDifference = input.CommitmentMask - pseudoOutMask;
        using var nonce = random();

        var core = SignCore(
            input.Ring,
            input.RealIndex,
            keyImage,
            pseudoOut,
            keyImageGenerator.Multiply(maskDifference),
            message,
            EdwardsPoint.MultiplyBase(nonce),
            keyImageGenerator.Multiply(nonce),
            random);
        var realResponse = nonce - (core.KeyChallenge * input.SecretKey) - (core.CommitmentChallenge * maskDifference);
        return new SignedClsag(core.Complete(realResponse), keyImage, pseudoOut);
    }

    /// <summary>
    /// The ring walk of signing with the nonce commitments given from outside (a·G and a·Hp(P_π)), for signers that
    /// never hold the whole nonce. <paramref name="d"/> is z·Hp(P_π), not divided by 8.
    /// </summary>
    internal static ClsagSignCore SignCore(
        IReadOnlyList<RingMember> ring,
        int realIndex,
        EdwardsPoint keyImage,
        EdwardsPoint pseudoOut,
        EdwardsPoint d,
        ReadOnlySpan<byte> message,
        EdwardsPoint nonceTimesG,
        EdwardsPoint nonceTimesKeyImageGenerator,
        Func<Scalar> random)
    {
        var dInverseEight = d.Multiply(InverseOfEight);
        var clsagRing = new ClsagRing(ring, keyImage, pseudoOut, d, dInverseEight, message);
        var responses = new Scalar[ring.Count];
        for (var i = 0; i < responses.Length; i++)
        {
            // The real member's placeholder is replaced by Complete.
            responses[i] = random();
        }

        var start = clsagRing.Challenge(ExtendedPoint.From(nonceTimesG), ExtendedPoint.From(nonceTimesKeyImageGenerator));
        var (realChallenge, c1) = clsagRing.Walk(realIndex + 1, ring.Count - 1, start, responses);
        return new ClsagSignCore(responses, c1, dInverseEight, realIndex, realChallenge * clsagRing.MuP, realChallenge * clsagRing.MuC);
    }

    private static Scalar InverseOfEight { get; } = MoneroScalars.Group.InvertPublic(MoneroScalars.FromUInt64(8));
}
