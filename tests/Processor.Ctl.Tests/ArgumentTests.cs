using System.Diagnostics;
using Processor.Testing;

namespace Processor.Ctl.Tests;

/// <summary>Wrong command lines exit with 2, runtime failures with 1; both say what went wrong, without a stack trace.</summary>
public sealed class ArgumentTests
{
    private static readonly Dictionary<string, string> WithPostgres = new() { ["ConnectionStrings__Postgres"] = "Host=127.0.0.1" };

    [Theory]
    [InlineData("No replay target", "replay", "scanner")]
    [InlineData("Conflicting replay targets --to-beginning and --to-offset", "replay", "scanner", "--to-beginning", "--to-offset", "3")]
    [InlineData("Conflicting replay targets --to-offset and --to-time", "replay", "scanner", "--to-offset", "3", "--to-time", "2026-01-01T00:00:00Z")]
    [InlineData("Unknown service 'nope'", "replay", "nope", "--to-beginning")]
    [InlineData("Unknown service 'nope'", "status", "nope")]
    [InlineData("--to-offset expects a whole number", "replay", "scanner", "--to-offset", "-1")]
    [InlineData("--to-time expects an ISO 8601 time", "replay", "scanner", "--to-time", "yesterday")]
    [InlineData("--wipe-state rebuilds the state from scratch", "replay", "scanner", "--to-offset", "3", "--wipe-state")]
    [InlineData("cannot be limited with --topic", "replay", "scanner", "--to-beginning", "--wipe-state", "--topic", "t")]
    [InlineData("is not a valid schema name", "replay", "scanner", "--to-beginning", "--schema", "Bad-Name")]
    [InlineData("Unrecognized command or argument '--frobnicate'", "replay", "scanner", "--to-beginning", "--frobnicate")]
    [InlineData("Required command was not provided")]
    public async Task WrongCommandLine_ExitsWith2AndNamesTheProblem(string problem, params string[] args)
    {
        var result = await CtlHarness.RunAsync(WithPostgres, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("Run 'processorctl replay --help' for usage.", "replay", "scanner")]
    [InlineData("Run 'processorctl btc address --help' for usage.", "btc", "address", "--key", "00")]
    public async Task WrongCommandLine_HintNamesTheWholeCommand(string hint, params string[] args)
    {
        var result = await CtlHarness.RunAsync(WithPostgres, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(hint, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "scanner", "--to-beginning")]
    [InlineData("status")]
    public async Task MissingPostgresSetting_ExitsWith2AndNamesTheOptionAndTheVariable(params string[] args)
    {
        var result = await CtlHarness.RunAsync(environment: null, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--postgres", result.Error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Postgres", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachablePostgres_ExitsWith1WithoutAStackTrace()
    {
        var result = await CtlHarness.RunAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={CtlHarness.UnusedPort()};Username=x;Timeout=5" },
            "replay", "scanner", "--to-beginning");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Cannot connect to Postgres", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayOfAServiceThatNeverStarted_ExitsWith1AndSaysSo()
    {
        var schema = PostgresServer.CreateSchemaName("never");
        var result = await CtlHarness.RunAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = PostgresServer.ConnectionString, ["Kafka__BootstrapServers"] = KafkaBroker.BootstrapServers },
            "replay", "worker", "--to-beginning", "--schema", schema, "--group", "g");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"Service 'worker' has never started: schema '{schema}' does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltTool_RunAsAProcess_PrintsHelpAndReportsUsageErrorsWithExitCode2()
    {
        var help = await RunProcessAsync("--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("replay", help.Output, StringComparison.Ordinal);
        Assert.Contains("status", help.Output, StringComparison.Ordinal);

        var wrong = await RunProcessAsync("replay", "scanner");
        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.Contains("No replay target", wrong.Error, StringComparison.Ordinal);
    }

    private static async Task<CtlResult> RunProcessAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "processorctl.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ConnectionStrings__Postgres");
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new CtlResult(process.ExitCode, await stdout, await stderr);
    }
}
