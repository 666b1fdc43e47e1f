using System.Net;
using System.Net.Sockets;
using Processor.Contracts;

namespace Processor.Devnet.Tests;

/// <summary>Every devnet test uses the fixed ports (29091-29094, 7190, 7101-7124): one at a time, and never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DevnetPorts
{
    public const string Name = "devnet fixed ports";
}

[Collection(DevnetPorts.Name)]
public sealed class DevnetTests
{
    private const int Validators = 3;

    /// <summary>Start-up (initdb, litecoind, first JIT of twelve services) takes 10-20 s on a quiet machine; the readiness bound is 300 s.</summary>
    private static readonly TimeSpan UpBound = TimeSpan.FromSeconds(360);

    /// <summary>The services stop within their own 30 s shutdown timeout; the devnet's per-service bound is 40 s.</summary>
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(90);

    /// <summary>The demo's eight steps take seconds each on a quiet machine; each is bounded by 120 s.</summary>
    private static readonly TimeSpan DemoBound = TimeSpan.FromSeconds(8 * 120);

    private static readonly int[] FixedPorts =
    [
        29091, 29092, 29093, 29094, 7190,
        .. Enumerable.Range(1, Validators).SelectMany(v => ServiceCatalog.All.Select(s => HealthPort(s, v))),
    ];

    [Fact(Timeout = 1_800_000)]
    public async Task Demo_ExitWhenDone_CompletesEveryStep_PrintsTheSummary_AndLeavesNothingBehind()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var devnet = DevnetProcess.Start("--exit-when-done");
        try
        {
            var exitCode = await devnet.WaitForExitAsync(UpBound + DemoBound + StopBound, cancellation);
            var output = devnet.Output;
            var demo = devnet.DemoLines();

            Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{output}");
            AssertAllReadyAndConnected(devnet.StatusRows(), output);
            for (var step = 1; step <= 8; step++)
            {
                Assert.Contains(demo, l => l.StartsWith($"step {step}/8 ", StringComparison.Ordinal) && l.Contains(": done in ", StringComparison.Ordinal));
            }

            Assert.Contains(demo, l => l.StartsWith("demo done: every step completed in ", StringComparison.Ordinal));
            var summary = demo.SkipWhile(l => l != "summary:").Skip(1).Take(8).ToList();
            Assert.Equal(8, summary.Count(l => l.Contains(" done ", StringComparison.Ordinal)));
            Assert.Contains(summary, l => l.Contains("Batch", StringComparison.Ordinal) && l.Contains("transfer of 1.1 coin(s)", StringComparison.Ordinal)
                && l.Contains("sr25519 signature verified under the substrate key", StringComparison.Ordinal));
            Assert.Contains(summary, l => l.Contains("acknowledged Serai block", StringComparison.Ordinal) && l.Contains("same plan(s)", StringComparison.Ordinal));
            Assert.Contains(summary, l => l.Contains("(the burn less a fee of", StringComparison.Ordinal));
            Assert.Contains(summary, l => l.Contains("every validator reported PlanCompleted", StringComparison.Ordinal));
            Assert.Contains("devnet stopped", output, StringComparison.Ordinal);
            AssertStoppedCleanly(devnet);
        }
        finally
        {
            devnet.KillEverythingStillRunning();
            TestContext.Current.TestOutputHelper?.WriteLine(devnet.Output);
        }
    }

    [Fact(Timeout = 900_000)]
    public async Task Devnet_ExitWhenReady_ShowsEveryValidatorsServicesReadyAndConnected_AndLeavesNothingBehind()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var devnet = DevnetProcess.Start("--exit-when-ready");
        try
        {
            var exitCode = await devnet.WaitForExitAsync(UpBound + StopBound, cancellation);
            var output = devnet.Output;

            Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{output}");
            AssertAllReadyAndConnected(devnet.StatusRows(), output);
            Assert.Contains("devnet is up", output, StringComparison.Ordinal);
            Assert.Empty(devnet.DemoLines());
            Assert.Contains("devnet stopped", output, StringComparison.Ordinal);
            AssertStoppedCleanly(devnet);
        }
        finally
        {
            devnet.KillEverythingStillRunning();
            TestContext.Current.TestOutputHelper?.WriteLine(devnet.Output);
        }
    }

    [Fact(Timeout = 900_000)]
    public async Task Devnet_SecondDevnetWhileTheFirstHoldsThePorts_FailsWithThePortMessage_AndTheFirstStopsOnSigterm()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var first = DevnetProcess.Start("--exit-when-ready", "--keep-running-seconds", "60");
        try
        {
            await first.WaitForLineAsync("devnet is up", UpBound, cancellation);
            AssertAllReadyAndConnected(first.StatusRows(), first.Output);

            using (var second = DevnetProcess.Start("--exit-when-ready"))
            {
                try
                {
                    var secondExit = await second.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellation);
                    var output = second.Output;

                    Assert.True(secondExit == 1, $"exit code {secondExit}. Output:\n{output}");
                    Assert.Contains("port 127.0.0.1:29092 (embedded Kafka broker 1) is already in use", output, StringComparison.Ordinal);
                    Assert.Contains("another devnet may be running", output, StringComparison.Ordinal);
                    // It failed before starting anything.
                    Assert.DoesNotContain("started, pid", output, StringComparison.Ordinal);
                    Assert.DoesNotContain("postgres  127.0.0.1", output, StringComparison.Ordinal);
                }
                finally
                {
                    second.KillEverythingStillRunning();
                }
            }

            // The first one is undisturbed.
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
            {
                foreach (var port in Enumerable.Range(1, Validators).SelectMany(v => ServiceCatalog.All.Select(s => HealthPort(s, v))))
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), cancellation);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }

            first.SendSigterm();
            var exitCode = await first.WaitForExitAsync(StopBound, cancellation);
            var firstOutput = first.Output;

            Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{firstOutput}");
            Assert.Contains("SIGTERM received", firstOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("stopping by itself", firstOutput[firstOutput.IndexOf("SIGTERM received", StringComparison.Ordinal)..],
                StringComparison.Ordinal);
            foreach (var service in ServiceCatalog.All)
            {
                Assert.Equal(Validators, System.Text.RegularExpressions.Regex.Count(firstOutput, $@"v\d/{service.Name}\s+\(pid \d+\) exited with code 0"));
            }

            AssertStoppedCleanly(first);
        }
        finally
        {
            first.KillEverythingStillRunning();
            TestContext.Current.TestOutputHelper?.WriteLine(first.Output);
        }
    }

    private static void AssertAllReadyAndConnected(IReadOnlyList<StatusRow> rows, string output)
    {
        Assert.True(rows.Count == Validators * 4, $"Expected a status table with {Validators * 4} services. Output:\n{output}");
        var expected = Enumerable.Range(1, Validators).SelectMany(v => ServiceCatalog.All.Select(s => (Validator: v, Service: s))).ToList();
        Assert.Equal(expected.Select(e => $"v{e.Validator}/{e.Service.Name}"), rows.Select(r => r.Label));
        foreach (var (row, (validator, service)) in rows.Zip(expected))
        {
            Assert.Equal($"http://127.0.0.1:{HealthPort(service, validator)}", row.Url);
            Assert.True(row.Pid > 0);
            Assert.Equal("Healthy", row.Live);
            Assert.Equal("Healthy", row.Ready);
            Assert.Equal("Healthy", row.Postgres);
            Assert.StartsWith("Healthy", row.Kafka, StringComparison.Ordinal);
        }

        Assert.Equal(rows.Count, rows.Select(r => r.Pid).Distinct().Count());
    }

    /// <summary>The devnet's health port of a validator's service: the service's default plus 10 per validator after the first.</summary>
    private static int HealthPort(ServiceDefinition service, int validator) => service.HealthPort + (10 * (validator - 1));

    /// <summary>No service process remains, the Postgres folder is gone, and every fixed port can be bound again.</summary>
    private static void AssertStoppedCleanly(DevnetProcess devnet)
    {
        var output = devnet.Output;
        var rows = devnet.StatusRows();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.False(DevnetProcess.IsRunning(row.Pid), $"{row.Service} (pid {row.Pid}) is still running after the devnet exited.");
        }

        Assert.False(DevnetProcess.IsRunning(devnet.Pid));

        var postgresDirectory = devnet.RemovedPostgresDirectory();
        Assert.True(postgresDirectory is not null, $"The devnet did not report removing its Postgres folder. Output:\n{output}");
        Assert.False(Directory.Exists(postgresDirectory), $"{postgresDirectory} still exists.");

        foreach (var port in FixedPorts)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(1);
        }
    }
}
