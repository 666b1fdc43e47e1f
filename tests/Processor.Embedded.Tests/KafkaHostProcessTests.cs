using System.Diagnostics;
using System.Text;
using Processor.Messaging.Provisioning;

namespace Processor.Embedded.Tests;

public sealed class KafkaHostProcessTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KafkaHost_AsChildProcess_ServesARoundTripAndExitsWith0OnSigterm()
    {
        using var host = HostProcess.Start("--port", "0", "--control-port", "0", "--topic", "hosted:3");
        try
        {
            var (bootstrap, control) = await host.WaitForReadyAsync(TimeSpan.FromSeconds(60));

            Assert.Matches(@"^127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$", bootstrap);
            Assert.Equal(3, KafkaClients.PartitionCount(bootstrap, "hosted"));
            await KafkaClients.AssertRoundTripAsync(bootstrap, "hosted", Cancellation);

            await new EmbeddedBrokerTopicProvisioner(control).EnsureTopicsAsync([new TopicSpec("provisioned", 5)], Cancellation);
            Assert.Equal(5, KafkaClients.PartitionCount(bootstrap, "provisioned"));

            host.SendSigterm();
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(0, exitCode);
            Assert.Contains("stopping", host.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            host.KillIfRunning();
        }
    }

    [Theory]
    [InlineData("--brokers", "zero")]
    [InlineData("--topic", "no-partitions")]
    [InlineData("--unknown")]
    [InlineData("--port")]
    public async Task KafkaHost_WithBadArguments_ExplainsAndExitsWith2(params string[] arguments)
    {
        using var host = HostProcess.Start(arguments);
        try
        {
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(2, exitCode);
            Assert.Contains("error:", host.StandardError, StringComparison.Ordinal);
            Assert.Contains("Usage:", host.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("BOOTSTRAP=", host.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            host.KillIfRunning();
        }
    }

    /// <summary>tools/Processor.KafkaHost run as <c>dotnet Processor.KafkaHost.dll</c>, with its output captured.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _error = new();
        private readonly TaskCompletionSource<(string, Uri)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _bootstrap;

        private HostProcess(Process process) => _process = process;

        public string StandardOutput
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public string StandardError
        {
            get
            {
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        public static HostProcess Start(params string[] arguments)
        {
            // artifacts/bin/Processor.Embedded.Tests/<configuration>/ → artifacts/bin/Processor.KafkaHost/<configuration>/
            var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(testDirectory.Parent!.Parent!.FullName, "Processor.KafkaHost", testDirectory.Name, "Processor.KafkaHost.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing (the test project references the KafkaHost project so that it is built first).");

            var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add(dll);
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = startInfo };
            var host = new HostProcess(process);
            process.OutputDataReceived += (_, e) => host.OnOutput(e.Data);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (host._error)
                    {
                        host._error.AppendLine(e.Data);
                    }
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return host;
        }

        public async Task<(string Bootstrap, Uri Control)> WaitForReadyAsync(TimeSpan bound)
        {
            try
            {
                return await _ready.Task.WaitAsync(bound, Cancellation);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"The host did not print BOOTSTRAP/CONTROL within {bound}. stdout:\n{StandardOutput}\nstderr:\n{StandardError}");
                throw;
            }
        }

        public void SendSigterm()
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit(5000);
        }

        public async Task<int> WaitForExitAsync(TimeSpan bound)
        {
            await _process.WaitForExitAsync(Cancellation).WaitAsync(bound, Cancellation);
            return _process.ExitCode;
        }

        public void KillIfRunning()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Not started or already gone.
            }
        }

        public void Dispose() => _process.Dispose();

        private void OnOutput(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (line.StartsWith("BOOTSTRAP=", StringComparison.Ordinal))
            {
                _bootstrap = line["BOOTSTRAP=".Length..];
            }
            else if (line.StartsWith("CONTROL=", StringComparison.Ordinal) && _bootstrap is not null)
            {
                _ready.TrySetResult((_bootstrap, new Uri(line["CONTROL=".Length..])));
            }
        }
    }
}
