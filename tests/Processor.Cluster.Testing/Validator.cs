using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using Processor.Contracts;
using Processor.Embedded;
using Processor.Testing;

namespace Processor.Cluster.Testing;

/// <summary>
/// One validator of a <see cref="ValidatorCluster"/>: its own database on the shared Postgres server, its own topic namespace
/// on the shared broker, its signer's secret key file, and its services as child processes (so any of them can be SIGKILLed
/// and restarted). Every process it ever ran is kept, with its output.
/// </summary>
public sealed class Validator : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _sharedEnvironment;
    private readonly string? _serviceBinaries;
    private readonly Dictionary<string, ServiceRun> _running = [];
    private readonly List<ServiceRun> _runs = [];
    private readonly HashSet<ServiceRun> _killed = [];
    private readonly Lock _lock = new();

    internal Validator(int participant, string topicNamespace, string database, string connectionString, ClusterSpec spec,
        IReadOnlyDictionary<string, string> sharedEnvironment)
    {
        Participant = participant;
        Namespace = topicNamespace;
        Database = database;
        ConnectionString = connectionString;
        Topics = Contracts.Topics.For(spec.Network, topicNamespace);
        _serviceBinaries = spec.ServiceBinaries;
        SecretKey = SecretKeyFile.Create();
        _sharedEnvironment = sharedEnvironment;
    }

    /// <summary>This validator's participant index in key generation (1-based).</summary>
    public int Participant { get; }

    /// <summary>Its topic namespace (<c>Processor:TopicNamespace</c>).</summary>
    public string Namespace { get; }

    /// <summary>Its database on the shared server (each service has its schema in it).</summary>
    public string Database { get; }

    public string ConnectionString { get; }

    /// <summary>Its topics (in its namespace).</summary>
    public NetworkTopics Topics { get; }

    /// <summary>Its signer's secret key file.</summary>
    public SecretKeyFile SecretKey { get; }

    /// <summary>Every process started for this validator so far, in start order (killed and exited ones included).</summary>
    public IReadOnlyList<ServiceRun> Runs
    {
        get
        {
            lock (_lock)
            {
                return [.. _runs];
            }
        }
    }

    /// <summary>The configuration <paramref name="service"/> gets at this validator, as environment variables.</summary>
    public Dictionary<string, string> Environment(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var environment = new Dictionary<string, string>(_sharedEnvironment)
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Processor__TopicNamespace"] = Namespace,
            ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPorts.GetFreePort()}"),
        };
        if (service == ServiceCatalog.Signer)
        {
            // Only the signer holds secrets.
            environment["Signer__SecretKeyFile"] = SecretKey.Path;
        }

        return environment;
    }

    /// <summary>Starts <paramref name="service"/> (a new process; it must not be running).</summary>
    /// <exception cref="InvalidOperationException">It is running.</exception>
    public ServiceRun Start(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_running.TryGetValue(service.Name, out var current) && !current.Process.HasExited)
            {
                throw new InvalidOperationException($"{service.Name} of validator {Participant} is already running (pid {current.Process.Id}).");
            }

            var project = ProjectOf(service);
            var dll = _serviceBinaries is null ? ChildProcess.RepositoryDll(project) : Path.Combine(_serviceBinaries, project, project + ".dll");
            var process = ChildProcess.Start(dll, environment: Environment(service));
            var run = new ServiceRun(service, process, _runs.Count(r => r.Service.Name == service.Name) + 1);
            _running[service.Name] = run;
            _runs.Add(run);
            return run;
        }
    }

    /// <summary>SIGKILL to <paramref name="service"/>'s current process, like a crash; it gets no chance to finish anything.</summary>
    public void Kill(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (Current(service) is { } run)
        {
            lock (_lock)
            {
                _killed.Add(run);
            }

            run.Process.Kill();
        }
    }

    /// <summary>The current (last started) process of <paramref name="service"/>, or null if it was never started.</summary>
    public ServiceRun? Current(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            return _running.GetValueOrDefault(service.Name);
        }
    }

    /// <summary>Throws when a started service's process has exited on its own (not killed by the test), with its output.</summary>
    public void ThrowIfAnyExited()
    {
        foreach (var run in Runs.Where(r => r.Process.HasExited && ReferenceEquals(Current(r.Service), r)))
        {
            lock (_lock)
            {
                if (_killed.Contains(run))
                {
                    continue;
                }
            }

            throw new InvalidOperationException(
                $"{run.Service.Name} of validator {Participant} exited on its own:\n{Tail(run.Process.Output, 60)}");
        }
    }

    /// <summary>Everything every process of this validator printed, each run headed by its service, number and pid.</summary>
    public string AllOutput()
    {
        var text = new StringBuilder();
        foreach (var run in Runs)
        {
            text.Append(CultureInfo.InvariantCulture, $"--- validator {Participant} {run.Service.Name} run {run.Number} (pid {run.Process.Id})\n");
            text.Append(run.Process.Output);
        }

        return text.ToString();
    }

    /// <summary>The last lines of each current process's output (for failure messages).</summary>
    public string Diagnostics(int linesPerProcess = 25)
    {
        var text = new StringBuilder();
        foreach (var run in Runs)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"--- validator {Participant} {run.Service.Name} run {run.Number} (pid {run.Process.Id}, {(run.Process.HasExited ? "exited" : "running")})\n");
            text.Append(Tail(run.Process.Output, linesPerProcess));
        }

        return text.ToString();
    }

    /// <summary>Runs a scalar query on this validator's database; null when the table does not exist yet (not migrated).</summary>
    public async Task<T?> QueryScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return default;
        }
    }

    public void Dispose()
    {
        foreach (var run in Runs)
        {
            run.Process.Dispose();
        }

        SecretKey.Dispose();
    }

    /// <summary>The project (and dll) a service is built as: <c>Processor.Signer</c> for <c>signer</c>.</summary>
    private static string ProjectOf(ServiceDefinition service) =>
        "Processor." + char.ToUpperInvariant(service.Name[0]) + service.Name[1..];

    private static string Tail(string output, int lines)
    {
        var all = output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines - 1)));
    }
}
