using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Transactions;

namespace Processor.Monero.Tests.RingCt;

/// <summary>CLSAG signatures made here verify, and only for what they signed.</summary>
public sealed class ClsagSigningTests
{
    private const int RingSize = 16;

    private static readonly byte[] Message = MoneroHash.Keccak("a transaction's pre-MLSAG hash"u8);

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(RingSize - 1)]
    public void SignedInput_Verifies(int realIndex)
    {
        var input = NewInput(realIndex, 1_000_000);

        var signed = ClsagSigner.Sign(input, Random(), Message, ClsagSigner.SystemRandom);

        Assert.Equal(input.KeyImage, signed.KeyImage);
        Assert.True(ClsagVerifier.Verify(signed.Signature, input.Ring, signed.KeyImage, signed.PseudoOut, Message));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SignedTransactionInputs_VerifyAndBalanceTheOutputMasks(int inputCount)
    {
        var inputs = Enumerable.Range(0, inputCount).Select(_ => NewInput(System.Security.Cryptography.RandomNumberGenerator.GetInt32(RingSize), 5_000)).ToArray();
        var outputMasks = new[] { Random(), Random() };
        var sumOfOutputMasks = outputMasks[0] + outputMasks[1];

        var signed = ClsagSigner.SignAll(inputs, sumOfOutputMasks, Message, ClsagSigner.SystemRandom);

        Assert.All(signed.Zip(inputs), pair => Assert.True(ClsagVerifier.Verify(pair.First.Signature, pair.Second.Ring, pair.First.KeyImage, pair.First.PseudoOut, Message)));

        // Σ pseudo-outs − Σ outputs = 0 when the amounts balance too (here: outputs 4,000 + 1,000·inputs... split in two).
        var total = (ulong)(5_000 * inputCount);
        var outputs = PedersenCommitment.Commit(outputMasks[0], total - 1_000) + PedersenCommitment.Commit(outputMasks[1], 1_000);
        var pseudoOuts = signed.Select(s => s.PseudoOut).Aggregate((a, b) => a + b);
        Assert.Equal(outputs, pseudoOuts);
    }

    [Fact]
    public void SignatureOverOneMessage_FailsForAnother()
    {
        var input = NewInput(3, 42);
        var signed = ClsagSigner.Sign(input, Random(), Message, ClsagSigner.SystemRandom);
        var other = (byte[])Message.Clone();
        other[0] ^= 1;

        Assert.False(ClsagVerifier.Verify(signed.Signature, input.Ring, signed.KeyImage, signed.PseudoOut, other));
    }

    [Fact]
    public void SignatureWithAnotherPseudoOut_FailsVerification()
    {
        var input = NewInput(3, 42);
        var signed = ClsagSigner.Sign(input, Random(), Message, ClsagSigner.SystemRandom);

        Assert.False(ClsagVerifier.Verify(signed.Signature, input.Ring, signed.KeyImage, PedersenCommitment.Commit(Random(), 42), Message));
    }

    [Fact]
    public void SignatureWithAnotherKeyImage_FailsVerification()
    {
        var input = NewInput(9, 1);
        var signed = ClsagSigner.Sign(input, Random(), Message, ClsagSigner.SystemRandom);

        Assert.False(ClsagVerifier.Verify(signed.Signature, input.Ring, NewInput(9, 1).KeyImage, signed.PseudoOut, Message));
    }

    [Fact]
    public void SameRandomSource_GivesTheSameSignature()
    {
        // Threshold signers derive decoy responses from a shared seed: the signer must use only the source it is given.
        var input = NewInput(4, 10);
        var mask = Random();

        var first = ClsagSigner.Sign(input, mask, Message, SeededRandom(7));
        var second = ClsagSigner.Sign(input, mask, Message, SeededRandom(7));

        Assert.Equal(first.Signature.S, second.Signature.S);
        Assert.Equal(first.Signature.C1, second.Signature.C1);
    }

    [Fact]
    public void KeyThatIsNotTheRealMember_IsRefused()
    {
        var ring = RandomRing();
        var error = Assert.Throws<ArgumentException>(() => new ClsagInput(ring, 2, Random(), Random(), 1));

        Assert.Contains("ring member 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpeningThatIsNotTheRealCommitment_IsRefused()
    {
        var secret = Random();
        var mask = Random();
        var ring = RandomRing();
        ring[5] = new RingMember(EdwardsPoint.MultiplyBase(secret), PedersenCommitment.Commit(mask, 100));

        var error = Assert.Throws<ArgumentException>(() => new ClsagInput(ring, 5, secret, mask, 101));

        Assert.Contains("commitment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealIndexOutsideTheRing_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClsagInput(RandomRing(), RingSize, Random(), Random(), 1));

    private static ClsagInput NewInput(int realIndex, ulong amount)
    {
        var secret = Random();
        var mask = Random();
        var ring = RandomRing();
        ring[realIndex] = new RingMember(EdwardsPoint.MultiplyBase(secret), PedersenCommitment.Commit(mask, amount));
        return new ClsagInput(ring, realIndex, secret, mask, amount);
    }

    private static RingMember[] RandomRing() =>
        [.. Enumerable.Range(0, RingSize).Select(_ => new RingMember(EdwardsPoint.MultiplyBase(Random()), EdwardsPoint.MultiplyBase(Random())))];

    private static Scalar Random() => MoneroScalars.Group.RandomScalar();

    /// <summary>Scalars Hs(seed ‖ counter): a deterministic stand-in for the shared seeded generator of threshold signing.</summary>
    private static Func<Scalar> SeededRandom(byte seed)
    {
        var counter = 0UL;
        return () => MoneroHash.HashToScalar([seed, .. BitConverter.GetBytes(counter++)]);
    }
}
