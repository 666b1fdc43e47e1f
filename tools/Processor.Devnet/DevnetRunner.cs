using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Processor.Contracts;
using Processor.Devnet.Demo;
using Processor.Embedded.Kafka;
using Processor.Embedded.Litecoin;
using Processor.Embedded.Postgres;

namespace Processor.Devnet;

/// <summary>
/// Starts Postgres, the embedded Kafka broker (in-process), a litecoind regtest node (the Bitcoin-like chain the scanners
/// watch), the coordinator simulator (in-process, with its control API) and three validators' four services each (child
/// processes); reports their health; runs the demo; runs until stopped; then stops everything in reverse order.
/// </summary>
/// <remarks>
/// A service that exits while the devnet runs is reported (name, pid, exit code) and the others keep running: the devnet is a
/// development tool, and the infrastructure and the other services stay useful for looking into what happened. With
/// <c>--exit-when-ready</c> a service that exits before it is ready makes the run fail (exit code 1).
/// </remarks>
internal sealed class DevnetRunner(DevnetArguments arguments)
{
    public const string UpMessage = "devnet is up — press Ctrl-C to stop";

    /// <summary>Three validators, as in the issue's full-stack tests.</summary>
    public const int ValidatorCount = 3;

    /// <summary>t = 2 of 3 (Serai's ⌊2n/3⌋ + 1 would be 3): one validator may be down and Batches and payouts still get signed.</summary>
    public const int Threshold = 2;

    /// <summary>How long a service gets after SIGTERM before it is killed (the services' own shutdown timeout is 30 s).</summary>
    private static readonly TimeSpan ServiceStopGrace = TimeSpan.FromSeconds(40);

    private const int KafkaBasePort = EmbeddedKafkaOptions.DefaultBasePort;
    private const int KafkaBrokers = 3;
    private const int ControlPort = EmbeddedKafkaControlServer.DefaultPort;

    private readonly List<DevnetValidator> _validators = [.. Enumerable.Range(1, ValidatorCount).Select(v => new DevnetValidator(v, arguments.Network))];
    private readonly List<Task> _exitWatchers = [];
    private volatile bool _shuttingDown;

    private IEnumerable<ServiceProcess> Services => _validators.SelectMany(v => v.Services);

    /// <returns>The process exit code (see <see cref="DevnetArguments.Description"/>).</returns>
    public async Task<int> RunAsync(CancellationToken stopping, CancellationToken hurry)
    {
        var total = Stopwatch.StartNew();
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

        DevnetConsole.Info(
            $"network {arguments.Network}; starting Postgres, the embedded Kafka broker, litecoind, the coordinator simulator and " +
            $"{ValidatorCount} validators × {dlls.Count} services");

        TemporaryPostgresCluster? postgres = null;
        EmbeddedKafkaCluster? kafka = null;
        EmbeddedKafkaControlServer? control = null;
        LitecoinNode? node = null;
        SimulatorHost? simulator = null;
        var exitCode = 0;
        try
        {
            postgres = await TemporaryPostgresCluster.StartAsync(new TemporaryPostgresOptions { Port = 0 }, stopping);
            var connectionStrings = new Dictionary<DevnetValidator, string>();
            foreach (var validator in _validators)
            {
                connectionStrings[validator] = await postgres.CreateDatabaseAsync(validator.Database, stopping);
            }

            DevnetConsole.Info(
                $"postgres  127.0.0.1:{postgres.Port} databases {string.Join(", ", _validators.Select(v => v.Database))} " +
                $"(ready in {Seconds(postgres.StartupTime)}; {postgres.DirectoryPath})");

            kafka = await Task.Run(
                () => EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = KafkaBasePort, BrokerCount = KafkaBrokers }),
                CancellationToken.None);
            DevnetConsole.Info(
                $"kafka     {kafka.BootstrapServers} ({kafka.BrokerCount} brokers, librdkafka {LibrdkafkaNative.VersionString} mock, " +
                $"in memory; ready in {Seconds(kafka.StartupTime)})");

            control = await EmbeddedKafkaControlServer.StartAsync(kafka, ControlPort, stopping);
            var topics = _validators.SelectMany(v => v.Topics.All).ToList();
            var created = topics.Count(t => kafka.CreateTopic(t.Name, t.Partitions));
            DevnetConsole.Info(
                $"kafka     control API {control.BaseAddress}; {created} topics created in namespaces " +
                $"{string.Join(", ", _validators.Select(v => v.Namespace))} " +
                $"({topics.Count(t => !t.IsDeadLetter)} streams + {topics.Count(t => t.IsDeadLetter)} dead-letter topics)");

            node = await LitecoinNode.StartAsync(stopping);
            await node.FundWalletAsync(stopping);
            DevnetConsole.Info(
                $"litecoind {node.RpcUrl.GetLeftPart(UriPartial.Authority)} regtest, pid {node.ProcessId}, " +
                $"height {await node.GetHeightAsync(stopping)} (wallet '{LitecoinNode.WalletName}' funded; {node.DirectoryPath})");

            simulator = await SimulatorHost.StartAsync(arguments.Network, kafka.BootstrapServers, control.BaseAddress, _validators, Threshold, stopping);
            DevnetConsole.Info(
                $"simulator the coordinators of {ValidatorCount} validators (t = {Threshold}) and the Serai chain; control API {simulator.ControlUrl}");

            StartServices(dlls, connectionStrings, kafka.BootstrapServers, control.BaseAddress, node);

            var statuses = await WaitForServicesAsync(stopping);
            if (statuses is null)
            {
                DevnetConsole.Info("stop requested during start-up");
                return arguments.ExitWhenReady || arguments.ExitWhenDone ? 1 : 0;
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

            DevnetConsole.Info($"{(allReady ? "devnet is up" : "devnet is degraded")} (started in {Seconds(total.Elapsed)})");
            exitCode = arguments.ExitWhenReady && !allReady ? 1 : 0;
            if (arguments.ExitWhenReady && arguments.KeepRunningSeconds is null)
            {
                DevnetConsole.Info("--exit-when-ready: stopping");
                return exitCode;
            }

            if (!arguments.ExitWhenReady)
            {
                if (!allReady)
                {
                    DevnetConsole.Error("the demo does not run on a degraded devnet");
                }

                var demoDone = allReady && await RunDemoAsync(simulator, node, stopping);
                if (arguments.ExitWhenDone || stopping.IsCancellationRequested)
                {
                    DevnetConsole.Info($"{(arguments.ExitWhenDone ? "--exit-when-done" : "stop requested")}: stopping (total {Seconds(total.Elapsed)})");
                    return arguments.ExitWhenDone && !demoDone ? 1 : 0;
                }
            }

            DevnetConsole.Info(
                $"explore: curl -s {simulator.ControlUrl}state; burn more with POST {simulator.ControlUrl}burns; " +
                "processorctl --postgres '<a validator's connection string>' --namespace v1 batches|plans|queue|dropped");
            var upMessage = allReady ? UpMessage : "devnet is running, degraded — press Ctrl-C to stop";
            if (arguments.KeepRunningSeconds is { } seconds)
            {
                DevnetConsole.Info($"{upMessage} (stopping by itself in {seconds} s)");
                await WaitAsync(TimeSpan.FromSeconds(seconds), stopping);
            }
            else
            {
                DevnetConsole.Info(upMessage);
                await WaitAsync(Timeout.InfiniteTimeSpan, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            DevnetConsole.Info("stop requested during start-up");
            exitCode = arguments.ExitWhenReady || arguments.ExitWhenDone ? 1 : 0;
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
            await ShutDownAsync(postgres, kafka, control, node, simulator, hurry);
        }

        return exitCode;
    }

    private async Task<bool> RunDemoAsync(SimulatorHost simulator, LitecoinNode node, CancellationToken stopping)
    {
        var demo = new DemoScript(simulator.Simulation, node, ValidatorCount, TimeSpan.FromSeconds(arguments.StepTimeoutSeconds));
        return await demo.RunAsync(stopping);
    }

    /// <summary>The fixed ports, in the order they are checked (broker 1 first).</summary>
    public static IEnumerable<RequiredPort> RequiredPorts()
    {
        for (var broker = 1; broker <= KafkaBrokers; broker++)
        {
            yield return new RequiredPort(KafkaBasePort + broker - 1, $"embedded Kafka broker {broker}");
        }

        yield return new RequiredPort(ControlPort, "embedded Kafka control API");
        yield return new RequiredPort(SimulatorHost.ControlPort, "coordinator simulator control API");
        for (var validator = 1; validator <= ValidatorCount; validator++)
        {
            foreach (var service in ServiceCatalog.All)
            {
                yield return new RequiredPort(DevnetValidator.HealthPort(service, validator), $"validator {validator}'s {service.Name} health endpoints");
            }
        }
    }

    private void StartServices(
        Dictionary<ServiceDefinition, string> dlls, Dictionary<DevnetValidator, string> connectionStrings, string bootstrapServers, Uri controlUrl,
        LitecoinNode node)
    {
        var dotnet = DotnetHost();
        foreach (var validator in _validators)
        {
            var signerKeyFile = CreateSignerKeyFile(node.DirectoryPath, validator);
            var index = 0;
            foreach (var (service, dll) in dlls)
            {
                var url = new Uri($"http://127.0.0.1:{DevnetValidator.HealthPort(service, validator.Number).ToString(CultureInfo.InvariantCulture)}/");
                var environment = ServiceEnvironment(connectionStrings[validator], bootstrapServers, controlUrl, validator.Topics, url);
                foreach (var (key, value) in node.ServiceEnvironment())
                {
                    environment[key] = value;
                }

                if (service == ServiceCatalog.Signer)
                {
                    environment["Signer__SecretKeyFile"] = signerKeyFile;
                }

                var process = ServiceProcess.Start(service, validator.Label(service), dotnet, dll, url, environment, index++);
                validator.Services.Add(process);
                _exitWatchers.Add(WatchForUnexpectedExitAsync(process));
                DevnetConsole.Info($"{process.Name,-12} started, pid {process.Pid}, {url.GetLeftPart(UriPartial.Authority)}");
            }
        }
    }

    /// <summary>
    /// A validator's signer secret key file (32 random bytes as hex, mode 0600). The devnet is ephemeral: the file lives in the
    /// node's directory, removed with it at shutdown, like every key the devnet generates.
    /// </summary>
    private static string CreateSignerKeyFile(string directory, DevnetValidator validator)
    {
        var path = Path.Combine(directory, $"signer-{validator.Namespace}.key");
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
            // Blocks are mined on demand: a newcomer should see them handled at once, not at the next of slow production polls.
            ["Scanner__PollInterval"] = "00:00:00.200",
            ["Messaging__ParkRecheckInterval"] = "00:00:00.200",
            ["Scheduler__RebroadcastInterval"] = "00:00:05",
            ["Urls"] = url.GetLeftPart(UriPartial.Authority),
            ["Logging__LogLevel__Default"] = level,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = aspNetLevel,
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = level,
            // A check failing while a service starts is expected (the status table shows the outcome); each would be an error line.
            ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
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
        var services = Services.ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(arguments.ReadyTimeoutSeconds);
        DevnetConsole.Info($"waiting for /health/ready of {services.Count} services (at most {arguments.ReadyTimeoutSeconds} s)");

        var started = Stopwatch.StartNew();
        var ready = await Task.WhenAll(services.Select(async service =>
        {
            var answer = await probe.WaitUntilReadyAsync(service, deadline, stopping);
            if (answer.IsHealthy && !service.HasExited)
            {
                DevnetConsole.Info($"{service.Name,-12} ready after {Seconds(started.Elapsed)}");
            }

            return answer;
        }));

        if (stopping.IsCancellationRequested)
        {
            return null;
        }

        var statuses = new List<ServiceStatus>(services.Count);
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
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
        SimulatorHost? simulator, CancellationToken hurry)
    {
        _shuttingDown = true;
        var stopwatch = Stopwatch.StartNew();
        var services = Services.ToList();

        if (services.Count > 0)
        {
            var running = services.Where(s => !s.HasExited).ToList();
            if (running.Count > 0)
            {
                DevnetConsole.Info(
                    $"stopping: SIGTERM to {string.Join(", ", running.Select(s => $"{s.Name} (pid {s.Pid})"))}; " +
                    $"each gets {ServiceStopGrace.TotalSeconds:F0} s, then it is killed");
            }

            var exitedEarlier = services.Select(s => s.HasExited).ToArray();
            var results = await Task.WhenAll(services.Select(async service =>
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
            for (var i = 0; i < services.Count; i++)
            {
                var (code, killed) = results[i];
                DevnetConsole.Info(
                    $"{services[i].Name,-12} (pid {services[i].Pid}) {(exitedEarlier[i] ? "had exited earlier" : "exited")} " +
                    $"with code {DescribeExitCode(code)}{(killed ? " (killed)" : "")}");
            }

            await Task.WhenAll(_exitWatchers);
            foreach (var service in services)
            {
                service.Dispose();
            }
        }

        await Step("coordinator simulator stopped", async () =>
        {
            if (simulator is null)
            {
                return false;
            }

            await simulator.DisposeAsync();
            return true;
        });
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
