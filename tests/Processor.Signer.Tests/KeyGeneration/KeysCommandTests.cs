using Processor.Ctl;
using Processor.Signer.Tests.Support;
using Processor.Testing;

namespace Processor.Signer.Tests.KeyGeneration;

/// <summary><c>processorctl keys</c> shows each session's keys and state from the signer's schema, without the secret key file.</summary>
public sealed class KeysCommandTests() : ValidatorSignersTest(count: 2)
{

    [Fact]
    public async Task Keys_ShowsGeneratingGeneratedAndConfirmedSessions_AndIdentityShowsTheIdentityKey()
    {
        var confirmed = (await new KeyGenRelay(Validators, session: 1, attempt: 0, threshold: 2).RunAsync())[1].KeyPair;
        await Validators[0].DeliverAsync(KeyGenerationTests.Confirm(1, confirmed));
        var generated = (await new KeyGenRelay(Validators, session: 2, attempt: 0, threshold: 2).RunAsync())[1].KeyPair;
        await new KeyGenRelay(Validators, session: 3, attempt: 0, threshold: 1).StartAsync();

        var (exitCode, output) = await RunAsync("keys");

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains(Convert.ToHexStringLower(confirmed.NetworkKey.Span), StringComparison.Ordinal) && l.Contains("confirmed", StringComparison.Ordinal) && l.Contains("2/2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Convert.ToHexStringLower(generated.SubstrateKey.Span), StringComparison.Ordinal) && l.Contains("generated", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith('3') && l.Contains("generating", StringComparison.Ordinal) && l.Contains("1/2", StringComparison.Ordinal));

        (exitCode, output) = await RunAsync("keys", "--identity");
        Assert.Equal(0, exitCode);
        Assert.Equal(Convert.ToHexStringLower(Validators[0].IdentityKey), output.Trim());
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.RunAsync(
            [.. command, "--schema", Validators[0].Schema, "--postgres", PostgresServer.ConnectionString], output, error, _ => null,
            TestContext.Current.CancellationToken);
        return (exitCode, output + error.ToString());
    }
}
