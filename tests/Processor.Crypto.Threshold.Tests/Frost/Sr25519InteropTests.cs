using Processor.Crypto.Threshold.Frost;
using Processor.Testing;

namespace Processor.Crypto.Threshold.Tests.Frost;

/// <summary>
/// FROST sr25519 signatures checked by an independent implementation: @scure/sr25519 from npm, run by
/// <c>scripts/sr25519-verify.sh</c> in one node process for all cases.
/// </summary>
public sealed class Sr25519InteropTests
{
    private static readonly (int Threshold, int Participants)[] Configurations = [(1, 1), (2, 3), (3, 4), (5, 7), (7, 10)];

    [Fact]
    public async Task ThresholdSignatures_AreAcceptedByScureSr25519_AndATamperedOneIsRejected()
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(FrostCiphersuite.Sr25519, new Random(seed));
        var cases = new List<InteropCase>();
        foreach (var (threshold, participants) in Configurations)
        {
            var key = signing.Deal(threshold, participants);
            var message = BatchMessageLike(signing.Random);
            var signature = signing.Sign(key, signing.RandomSigners(key, threshold), message);
            cases.Add(new InteropCase($"{threshold}-of-{participants}", key.PublicKey.GroupPublicKey.Serialize(), message, signature, Expected: true));
        }

        var last = cases[^1];
        var tampered = (byte[])last.Signature.Clone();
        tampered[33] ^= 0x01;
        cases.Add(last with { Name = "tampered-s", Signature = tampered, Expected = false });

        var verdicts = await ScureSr25519.VerifyAsync(
            [.. cases.Select(c => new Sr25519Case(c.Name, c.PublicKey, c.Message, c.Signature))], TestContext.Current.CancellationToken);

        Assert.All(cases, c => Assert.True(
            verdicts.TryGetValue(c.Name, out var verdict) && verdict == c.Expected,
            $"@scure/sr25519 gave {(verdicts.TryGetValue(c.Name, out var v) ? v.ToString() : "no verdict")} for {c.Name}, expected {c.Expected} (seed {seed})"));
        Assert.Equal(cases.Count, verdicts.Count);
    }

    /// <summary>Serai's <c>batch_message</c> shape: the "InInstructions-batch" prefix, then bytes standing in for SCALE(Batch).</summary>
    private static byte[] BatchMessageLike(Random random)
    {
        var body = new byte[random.Next(10, 300)];
        random.NextBytes(body);
        return [.. "InInstructions-batch"u8, .. body];
    }

    private sealed record InteropCase(string Name, byte[] PublicKey, byte[] Message, byte[] Signature, bool Expected);
}
