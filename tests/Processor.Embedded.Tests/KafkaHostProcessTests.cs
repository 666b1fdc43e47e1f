using Processor.Messaging.Provisioning;
using Processor.Testing;

namespace Processor.Embedded.Tests;

public sealed class KafkaHostProcessTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KafkaHost_AsChildProcess_ServesARoundTripAndExitsWith0OnSigterm()
    {
        var ready = new ReadyLines();
        using var host = StartHost(ready.OnOutputLine, "--port", "0", "--control-port", "0", "--topic", "hosted:3");
        var (bootstrap, control) = await ready.WaitAsync(host, TimeSpan.FromSeconds(60));

        Assert.Matches(@"^127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$", bootstrap);
        Assert.Equal(3, KafkaClients.PartitionCount(bootstrap, "hosted"));
        await KafkaClients.AssertRoundTripAsync(bootstrap, "hosted", Cancellation);

        await new EmbeddedBrokerTopicProvisioner(control).EnsureTopicsAsync([new TopicSpec("provisioned", 5)], Cancellation);
        Assert.Equal(5, KafkaClients.PartitionCount(bootstrap, "provisioned"));

        host.Terminate();
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(20)).WaitAsync(Cancellation);

        Assert.Equal(0, exitCode);
        Assert.Contains("stopping", host.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--brokers", "zero")]
    [InlineData("--topic", "no-partitions")]
    [InlineData("--unknown")]
    [InlineData("--port")]
    public async Task KafkaHost_WithBadArguments_ExplainsAndExitsWith2(params string[] arguments)
    {
        using var host = StartHost(onOutputLine: null, arguments);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30)).WaitAsync(Cancellation);

        Assert.Equal(2, exitCode);
        Assert.Contains("error:", host.StandardError, StringComparison.Ordinal);
        Assert.Contains("Usage:", host.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("BOOTSTRAP=", host.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>tools/Processor.KafkaHost run as <c>dotnet Processor.KafkaHost.dll</c> (disposing kills it if it still runs).</summary>
    private static ChildProcess StartHost(Action<string>? onOutputLine, params string[] arguments) =>
        ChildProcess.Start(ChildProcess.RepositoryDll("Processor.KafkaHost"), arguments, onOutputLine: onOutputLine);

    /// <summary>Watches the host's stdout for <c>BOOTSTRAP=&lt;servers&gt;</c> followed by <c>CONTROL=&lt;url&gt;</c>.</summary>
    private sealed class ReadyLines
    {
        private readonly TaskCompletionSource<(string, Uri)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _bootstrap;

        public void OnOutputLine(string line)
        {
            if (line.StartsWith("BOOTSTRAP=", StringComparison.Ordinal))
            {
                _bootstrap = line["BOOTSTRAP=".Length..];
            }
            else if (line.StartsWith("CONTROL=", StringComparison.Ordinal) && _bootstrap is not null)
            {
                _ready.TrySetResult((_bootstrap, new Uri(line["CONTROL=".Length..])));
            }
        }

        public async Task<(string Bootstrap, Uri Control)> WaitAsync(ChildProcess host, TimeSpan bound)
        {
            try
            {
                return await _ready.Task.WaitAsync(bound, Cancellation);
            }
            catch (TimeoutException)
            {
                Assert.Fail(
                    $"The host did not print BOOTSTRAP/CONTROL within {bound}. " +
                    $"stdout:\n{host.StandardOutput}\nstderr:\n{host.StandardError}");
                throw;
            }
        }
    }
}
