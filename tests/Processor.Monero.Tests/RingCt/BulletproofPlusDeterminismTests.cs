using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Monero.Tests.RingCt;

/// <summary>
/// The prover's output is a function of its openings and random scalars alone: with the same inputs it makes the same
/// bytes as the straightforward prover it replaced (one fold per round, commit 4044077), so any reordering of its
/// arithmetic for speed cannot change the proof.
/// </summary>
public sealed class BulletproofPlusDeterminismTests
{
    [Theory]
    [InlineData(1, "d632fe55e0ce834d5725ef39b389f10bdc318f5d4e61e3e97da3ca1ee9444fa1")]
    [InlineData(2, "03c22b9debd90b0473871295020ecbe81b2ada0a14b0350484a79b85e77d9943")]
    [InlineData(16, "de9e6359eeb519313cd0ac442d33e7073cbca5914f4d28e0cbecae64d0a15b71")]
    public void ProofFromFixedRandomness_EqualsTheReferenceProverBytes(int count, string expectedKeccak)
    {
        var openings = Enumerable.Range(0, count)
            .Select(j => new CommitmentOpening(MoneroHash.HashToScalar([.. "mask"u8, (byte)j]), (ulong)(j + 1) * 0x0123_4567_89AB_CDEFUL))
            .ToArray();

        var proof = BulletproofPlusProver.Prove(openings, CountingRandom());

        Assert.True(BulletproofPlusVerifier.Verify(proof, [.. openings.Select(o => o.Commitment)]));
        Assert.Equal(expectedKeccak, Convert.ToHexStringLower(MoneroHash.Keccak([.. proof.SignatureHashKeys().SelectMany(k => k.ToArray())])));
    }

    /// <summary>Hs("random" ‖ counter): a reproducible stand-in for the prover's random scalars.</summary>
    private static Func<Scalar> CountingRandom()
    {
        var counter = 0;
        return () => MoneroHash.HashToScalar([.. "random"u8, .. BitConverter.GetBytes(counter++)]);
    }
}
