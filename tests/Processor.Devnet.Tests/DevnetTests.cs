using System.Net;
using System.Net.Sockets;
using Processor.Contracts;

namespace Processor.Devnet.Tests;

/// <summary>Every devnet test uses the fixed ports (29091-29094, 7101-7104): one at a time, and never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DevnetPorts
{
    public const string Name = "devnet fixed ports";
}

[Collection(DevnetPorts.Name)]
public sealed class DevnetTests
{
    /// <summary>Start-up under load (first JIT of five processes, initdb) takes 5-20 s; the services' readiness bound is 90 s.</summary>
    private static readonly TimeSpan UpBound = TimeSpan.FromSeconds(150);

    /// <summary>Four services stop within their own 30 s shutdown timeout; the devnet's per-service bound is 40 s.</summary>
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(60);

    private static readonly int[] FixedPorts = [29091, 29092, 29093, 29094, .. ServiceCatalog.All.Select(s => s.HealthPort)];

    [Fact(Timeout = 300_000)]
    public async Task Devnet_ExitWhenReady_ShowsAllFourServicesReadyAndConnected_AndLeavesNothingBehind()
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
            Assert.Contains("devnet stopped", output, StringComparison.Ordinal);
            AssertStoppedCleanly(devnet);
        }
        finally
        {
            devnet.KillEverythingStillRunning();
            TestContext.Current.TestOutputHelper?.WriteLine(devnet.Output);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Devnet_SecondDevnetWhileTheFirstHoldsThePorts_FailsWithThePortMessage_AndTheFirstStopsOnSigterm()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var first = DevnetProcess.Start("--keep-running-seconds", "60");
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
                foreach (var service in ServiceCatalog.All)
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{service.HealthPort}/health/ready"), cancellation);
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
                Assert.Matches($@"{service.Name}\s+\(pid \d+\) exited with code 0", firstOutput);
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
        Assert.True(rows.Count == 4, $"Expected a status table with 4 services. Output:\n{output}");
        Assert.Equal(ServiceCatalog.All.Select(s => s.Name), rows.Select(r => r.Service));
        foreach (var (row, service) in rows.Zip(ServiceCatalog.All))
        {
            Assert.Equal($"http://127.0.0.1:{service.HealthPort}", row.Url);
            Assert.True(row.Pid > 0);
            Assert.Equal("Healthy", row.Live);
            Assert.Equal("Healthy", row.Ready);
            Assert.Equal("Healthy", row.Postgres);
            Assert.StartsWith("Healthy", row.Kafka, StringComparison.Ordinal);
        }

        Assert.Equal(4, rows.Select(r => r.Pid).Distinct().Count());
    }

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
