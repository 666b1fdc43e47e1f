using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Processor.Contracts;
using Processor.Embedded.Kafka;
using Processor.Embedded.Litecoin;
using Processor.Embedded.Postgres;

namespace Processor.Devnet;

/// <summary>
/// Starts Postgres, the embedded Kafka broker (in-process), its topics, a litecoind regtest node (the Bitcoin-like chain the
/// scanner watches) and the four services (child processes); reports their health; runs until stopped; then stops
/// everything in reverse order.
/// </summary>
/// <remarks>
/// A service that exits while the devnet runs is reported (name, pid, exit code) and the others keep running: the devnet is a
/// development tool, and the infrastructure and the other services stay useful for looking into what happened. With
/// <c>--exit-when-ready</c> a service that exits before it is ready makes the run fail (exit code 1).
/// </remarks>
internal sealed class DevnetRunner(DevnetArguments arguments)
{
    public const string DatabaseName = "processor";
    public const string UpMessage = "devnet is up — press Ctrl-C to stop";

    /// <summary>How long a service gets after SIGTERM before it is killed (the services' own shutdown timeout is 30 s).</summary>
    private static readonly TimeSpan ServiceStopGrace = TimeSpan.FromSeconds(40);

    private const int KafkaBasePort = EmbeddedKafkaOptions.DefaultBasePort;
    private const int KafkaBrokers = 3;
    private const int ControlPort = EmbeddedKafkaControlServer.DefaultPort;

    private readonly List<ServiceProcess> _services = [];
    private readonly List<Task> _exitWatchers = [];
    private volatile bool _shuttingDown;

    /// <returns>The process exit code (see <see cref="DevnetArguments.Description"/>).</returns>
    public async Task<int> RunAsync(CancellationToken stopping, CancellationToken hurry)
    {
        var total = Stopwatch.StartNew();
        var topics = Topics.For(arguments.Network, arguments.TopicNamespace);

        var dlls = new Dictionary<ServiceDefinition, string>();
        foreach (var service in ServiceCatalog.All)
        {
            var dll = ServiceDll(service);
            if (!File.Exists(dll))
            {
                DevnetConsole.Error(
                    $"error: {dll} is missing. Build the devnet first (dotnet build tools/Processor.Devnet), " +
                    "which builds the services too.");
                return 1;
            }

            dlls[service] = dll;
        }

        if (PortCheck.FirstTaken(RequiredPorts()) is { } taken)
        {
            DevnetConsole.Error("error: " + PortCheck.TakenMessage(taken));
            return 1;
        }

        var inNamespace = topics.Namespace is { } name ? $" in topic namespace {name}" : "";
        DevnetConsole.Info($"network {topics.Network}{inNamespace}; starting Postgres, the embedded Kafka broker, litecoind and {dlls.Count} services");

        TemporaryPostgresCluster? postgres = null;
        EmbeddedKafkaCluster? kafka = null;
        EmbeddedKafkaControlServer? control = null;
        LitecoinNode? node = null;
        var exitCode = 0;
        try
        {
            postgres = await TemporaryPostgresCluster.StartAsync(new TemporaryPostgresOptions { Port = 0 }, stopping);
            var connectionString = await postgres.CreateDatabaseAsync(DatabaseName, stopping);
            DevnetConsole.Info(
                $"postgres  127.0.0.1:{postgres.Port} database '{DatabaseName}' " +
                $"(ready in {Seconds(postgres.StartupTime)}; {postgres.DirectoryPath})");

            kafka = await Task.Run(
                () => EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = KafkaBasePort, BrokerCount = KafkaBrokers }),
                CancellationToken.None);
            DevnetConsole.Info(
                $"kafka     {kafka.BootstrapServers} ({kafka.BrokerCount} brokers, librdkafka {LibrdkafkaNative.VersionString} mock, " +
                $"in memory; ready in {Seconds(kafka.StartupTime)})");

            control = await EmbeddedKafkaControlServer.StartAsync(kafka, ControlPort, stopping);
            var created = topics.All.Count(t => kafka.CreateTopic(t.Name, t.Partitions));
            DevnetConsole.Info(
                $"kafka     control API {control.BaseAddress}; {created} topics created " +
                $"({topics.All.Count(t => !t.IsDeadLetter)} streams + {topics.All.Count(t => t.IsDeadLetter)} dead-letter topics)");

            node = await LitecoinNode.StartAsync(stopping);
            await node.FundWalletAsync(stopping);
            DevnetConsole.Info(
                $"litecoind {node.RpcUrl.GetLeftPart(UriPartial.Authority)} regtest, pid {node.ProcessId}, " +
                $"height {await node.GetHeightAsync(stopping)} (wallet '{LitecoinNode.WalletName}' funded; {node.DirectoryPath})");

            StartServices(dlls, connectionString, kafka.BootstrapServers, control.BaseAddress, topics, node);

            var statuses = await WaitForServicesAsync(stopping);
            if (statuses is null)
            {
                DevnetConsole.Info("stop requested during start-up");
                return arguments.ExitWhenReady ? 1 : 0;
            }

            DevnetConsole.Raw("");
            DevnetConsole.Raw(StatusTable.Render(statuses));
            DevnetConsole.Raw("");

            var allReady = statuses.All(s => s.IsReady);
            if (!allReady)
            {
                var notReady = string.Join(", ", statuses.Where(s => !s.IsReady).Select(s => s.Service));
                DevnetConsole.Error(
                    $"not all services are ready after {arguments.ReadyTimeoutSeconds} s (not ready: {notReady}); " +
                    "see the table and their output above");
            }

            exitCode = arguments.ExitWhenReady && !allReady ? 1 : 0;
            var upMessage = allReady ? UpMessage : "devnet is running, degraded — press Ctrl-C to stop";
            if (arguments.KeepRunningSeconds is { } seconds)
            {
                DevnetConsole.Info($"{upMessage} (stopping by itself in {seconds} s; started in {Seconds(total.Elapsed)})");
                await WaitAsync(TimeSpan.FromSeconds(seconds), stopping);
            }
            else if (arguments.ExitWhenReady)
            {
                var state = allReady ? "devnet is up" : "devnet is degraded";
                DevnetConsole.Info($"{state} (started in {Seconds(total.Elapsed)}) — --exit-when-ready: stopping");
            }
            else
            {
                DevnetConsole.Info($"{upMessage} (started in {Seconds(total.Elapsed)})");
                await WaitAsync(Timeout.InfiniteTimeSpan, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            DevnetConsole.Info("stop requested during start-up");
            exitCode = arguments.ExitWhenReady ? 1 : 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var expected = e is InvalidOperationException or DllNotFoundException or TimeoutException or IOException or Win32Exception
                or System.Data.Common.DbException;
            DevnetConsole.Error($"error: the devnet could not start: {(expected ? e.Message : e.ToString())}");
            if (e.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                DevnetConsole.Error("another devnet (or tools/Processor.KafkaHost) may be running: stop it first.");
            }

            exitCode = 1;
        }
        finally
        {
            await ShutDownAsync(postgres, kafka, control, node, hurry);
        }

        return exitCode;
    }

    /// <summary>The fixed ports, in the order they are checked (broker 1 first).</summary>
    public static IEnumerable<RequiredPort> RequiredPorts()
    {
        for (var broker = 1; broker <= KafkaBrokers; broker++)
        {
            yield return new RequiredPort(KafkaBasePort + broker - 1, $"embedded Kafka broker {broker}");
        }

        yield return new RequiredPort(ControlPort, "embedded Kafka control API");
        foreach (var service in ServiceCatalog.All)
        {
            yield return new RequiredPort(service.HealthPort, $"{service.Name} health endpoints");
        }
    }

    private void StartServices(
        Dictionary<ServiceDefinition, string> dlls, string connectionString, string bootstrapServers, Uri controlUrl, NetworkTopics topics,
        LitecoinNode node)
    {
        var dotnet = DotnetHost();
        var index = 0;
        foreach (var (service, dll) in dlls)
        {
            var url = new Uri($"http://127.0.0.1:{service.HealthPort.ToString(CultureInfo.InvariantCulture)}/");
            var environment = ServiceEnvironment(connectionString, bootstrapServers, controlUrl, topics, url);
            foreach (var (key, value) in node.ServiceEnvironment())
            {
                environment[key] = value;
            }

            if (service == ServiceCatalog.Signer)
            {
                environment["Signer__SecretKeyFile"] = CreateSignerKeyFile(node.DirectoryPath);
            }

            var process = ServiceProcess.Start(service, dotnet, dll, url, environment, index++);
            _services.Add(process);
            _exitWatchers.Add(WatchForUnexpectedExitAsync(process));
            DevnetConsole.Info($"{service.Name,-9} started, pid {process.Pid}, {url.GetLeftPart(UriPartial.Authority)}");
        }
    }

    /// <summary>
    /// The signer's secret key file (32 random bytes as hex, mode 0600). The devnet is ephemeral: the file lives in the node's
    /// directory, removed with it at shutdown, like every key the devnet generates.
    /// </summary>
    private static string CreateSignerKeyFile(string directory)
    {
        var path = Path.Combine(directory, "signer.key");
        File.WriteAllText(path, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }

    private Dictionary<string, string?> ServiceEnvironment(
        string connectionString, string bootstrapServers, Uri controlUrl, NetworkTopics topics, Uri url)
    {
        var level = arguments.ServiceLogLevel;
        // ASP.NET Core logs every health request at Information: keep it at Warning unless an even higher level is asked for.
        var aspNetLevel = level is "Error" or "Critical" ? level : "Warning";
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Kafka__BootstrapServers"] = bootstrapServers,
            ["Kafka__Mode"] = "Embedded",
            ["Kafka__EmbeddedControlUrl"] = controlUrl.AbsoluteUri,
            ["Processor__Network"] = topics.Network,
            ["Processor__TopicNamespace"] = topics.Namespace,
            ["Urls"] = url.GetLeftPart(UriPartial.Authority),
            ["Logging__LogLevel__Default"] = level,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = aspNetLevel,
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = level,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
            // Urls decides; these would only add a warning about being overridden.
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["DOTNET_URLS"] = null,
        };
    }

    /// <summary>Polls every service's /health/ready (in parallel, bounded), then /health/live; null when stopped meanwhile.</summary>
    private async Task<IReadOnlyList<ServiceStatus>?> WaitForServicesAsync(CancellationToken stopping)
    {
        using var probe = new HealthProbe();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(arguments.ReadyTimeoutSeconds);
        DevnetConsole.Info($"waiting for /health/ready of {_services.Count} services (at most {arguments.ReadyTimeoutSeconds} s)");

        var started = Stopwatch.StartNew();
        var ready = await Task.WhenAll(_services.Select(async service =>
        {
            var answer = await probe.WaitUntilReadyAsync(service, deadline, stopping);
            if (answer.IsHealthy && !service.HasExited)
            {
                DevnetConsole.Info($"{service.Name,-9} ready after {Seconds(started.Elapsed)}");
            }

            return answer;
        }));

        if (stopping.IsCancellationRequested)
        {
            return null;
        }

        var statuses = new List<ServiceStatus>(_services.Count);
        for (var i = 0; i < _services.Count; i++)
        {
            var service = _services[i];
            var live = service.HasExited ? HealthAnswer.Unreachable("exited") : await probe.GetAsync(service.Url, "health/live", stopping);
            int? exitCode = service.HasExited ? await service.Exited : null;
            statuses.Add(new ServiceStatus(service.Name, service.Pid, service.Url, live, ready[i], exitCode));
        }

        return statuses;
    }

    private async Task WatchForUnexpectedExitAsync(ServiceProcess service)
    {
        var exitCode = await service.Exited;

        // A Ctrl-C in the terminal reaches the services too (same process group): give the devnet's own handler a moment.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        if (!_shuttingDown)
        {
            DevnetConsole.Error(
                $"{service.Name} (pid {service.Pid}) exited unexpectedly with code {DescribeExitCode(exitCode)}; " +
                "the other services keep running (Ctrl-C stops the devnet)");
        }
    }

    private async Task ShutDownAsync(
        TemporaryPostgresCluster? postgres, EmbeddedKafkaCluster? kafka, EmbeddedKafkaControlServer? control, LitecoinNode? node,
        CancellationToken hurry)
    {
        _shuttingDown = true;
        var stopwatch = Stopwatch.StartNew();

        if (_services.Count > 0)
        {
            var running = _services.Where(s => !s.HasExited).ToList();
            if (running.Count > 0)
            {
                DevnetConsole.Info(
                    $"stopping: SIGTERM to {string.Join(", ", running.Select(s => $"{s.Name} (pid {s.Pid})"))}; " +
                    $"each gets {ServiceStopGrace.TotalSeconds:F0} s, then it is killed");
            }

            var exitedEarlier = _services.Select(s => s.HasExited).ToArray();
            var results = await Task.WhenAll(_services.Select(async service =>
            {
                try
                {
                    return await service.StopAsync(ServiceStopGrace, hurry);
                }
                catch (Exception e) when (e is InvalidOperationException or Win32Exception)
                {
                    DevnetConsole.Error($"{service.Name} (pid {service.Pid}): {e.Message}; killing it");
                    service.KillIfRunning();
                    return (-1, true);
                }
            }));
            for (var i = 0; i < _services.Count; i++)
            {
                var (code, killed) = results[i];
                DevnetConsole.Info(
                    $"{_services[i].Name,-9} (pid {_services[i].Pid}) {(exitedEarlier[i] ? "had exited earlier" : "exited")} " +
                    $"with code {DescribeExitCode(code)}{(killed ? " (killed)" : "")}");
            }

            await Task.WhenAll(_exitWatchers);
            foreach (var service in _services)
            {
                service.Dispose();
            }
        }

        await Step($"litecoind stopped, {node?.DirectoryPath} removed", async () =>
        {
            if (node is null)
            {
                return false;
            }

            await node.DisposeAsync();
            return true;
        });
        await Step("kafka control API stopped", async () =>
        {
            if (control is not null)
            {
                await control.DisposeAsync();
                return true;
            }

            return false;
        });
        await Step("kafka broker stopped", () =>
        {
            kafka?.Dispose();
            return Task.FromResult(kafka is not null);
        });
        await Step($"postgres stopped, {postgres?.DirectoryPath} removed", async () =>
        {
            if (postgres is null)
            {
                return false;
            }

            await postgres.DisposeAsync();
            if (Directory.Exists(postgres.DirectoryPath))
            {
                DevnetConsole.Error($"postgres: {postgres.DirectoryPath} is still there");
            }

            return true;
        });

        DevnetConsole.Info($"devnet stopped (shutdown took {Seconds(stopwatch.Elapsed)})");
    }

    private static async Task Step(string done, Func<Task<bool>> action)
    {
        try
        {
            if (await action())
            {
                DevnetConsole.Info(done);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or OperationCanceledException
                                      or UnauthorizedAccessException)
        {
            DevnetConsole.Error($"while stopping: {e.Message}");
        }
    }

    private static async Task WaitAsync(TimeSpan duration, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(duration, stopping);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM.
        }
    }

    /// <summary>
    /// artifacts/bin/Processor.Devnet/&lt;configuration&gt;/ →
    /// artifacts/bin/Processor.&lt;Name&gt;/&lt;configuration&gt;/Processor.&lt;Name&gt;.dll.
    /// </summary>
    private static string ServiceDll(ServiceDefinition service)
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var project = "Processor." + char.ToUpperInvariant(service.Name[0]) + service.Name[1..];
        return Path.Combine(own.Parent!.Parent!.FullName, project, own.Name, project + ".dll");
    }

    /// <summary>The dotnet host running the devnet (so the services run on the same runtime), else DOTNET_HOST_PATH, else PATH.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
    }

    /// <summary>"137 (signal 9)" for a process ended by a signal (.NET reports 128 + the signal number).</summary>
    private static string DescribeExitCode(int code) =>
        code is > 128 and < 160
            ? $"{code.ToString(CultureInfo.InvariantCulture)} (signal {(code - 128).ToString(CultureInfo.InvariantCulture)})"
            : code.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
