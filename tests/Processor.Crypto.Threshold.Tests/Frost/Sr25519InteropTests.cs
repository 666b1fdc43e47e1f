using System.Diagnostics;
using System.Text.Json;
using Processor.Crypto.Threshold.Frost;
using Processor.Testing;

namespace Processor.Crypto.Threshold.Tests.Frost;

/// <summary>
/// FROST sr25519 signatures checked by an independent implementation: @scure/sr25519 from npm, run by
/// <c>scripts/sr25519-verify.sh</c> in one node process for all cases.
/// </summary>
public sealed class Sr25519InteropTests
{
    // The first run installs @scure/sr25519 from npm into .tools/; later runs take about a second.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

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

        var verdicts = await RunScureVerifierAsync(cases);

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

    private static async Task<Dictionary<string, bool>> RunScureVerifierAsync(List<InteropCase> cases)
    {
        var casesFile = Path.Combine(Path.GetTempPath(), $"sr25519-interop-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(casesFile, JsonSerializer.Serialize(cases.Select(c => new Dictionary<string, string>
        {
            ["name"] = c.Name,
            ["public_key_hex"] = Convert.ToHexStringLower(c.PublicKey),
            ["message_hex"] = Convert.ToHexStringLower(c.Message),
            ["signature_hex"] = Convert.ToHexStringLower(c.Signature),
        })), TestContext.Current.CancellationToken);
        try
        {
            var startInfo = new ProcessStartInfo("/bin/bash")
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "sr25519-verify.sh"));
            startInfo.ArgumentList.Add(casesFile);

            using var process = Process.Start(startInfo)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"scripts/sr25519-verify.sh did not finish within {Timeout}.");
            }

            var output = await stdout;
            Assert.True(process.ExitCode == 0, $"scripts/sr25519-verify.sh exited with {process.ExitCode}:\n{output}\n{await stderr}");
            return JsonSerializer.Deserialize<Dictionary<string, bool>>(output)!;
        }
        finally
        {
            File.Delete(casesFile);
        }
    }

    private sealed record InteropCase(string Name, byte[] PublicKey, byte[] Message, byte[] Signature, bool Expected);
}
