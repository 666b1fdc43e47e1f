using System.Globalization;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Contracts.Common.V1;
using Processor.Embedded.Kafka;
using Processor.Embedded.Litecoin;
using Processor.Messaging.Provisioning;
using Processor.Networks;
using Processor.Networks.Plugins.Bitcoin;
using Processor.Testing;
using Processor.Testing.Litecoin;

namespace Processor.Cluster.Testing;

/// <summary>What a <see cref="ValidatorCluster"/> is made of.</summary>
/// <param name="Validators">Number of validators n.</param>
/// <param name="Threshold">Signing threshold t; by default Serai's ⌊2n/3⌋ + 1.</param>
/// <param name="Node">
/// The litecoind node the services of a Bitcoin cluster use (the signer too: it builds plan transactions with the network
/// plug-in); by default the test process's shared regtest node. A cluster of another network gets no node settings.
/// </param>
/// <param name="LogLevel">The services' default log level (Information: every log line a test may search).</param>
/// <param name="Settings">
/// Further configuration every service gets, as environment variables (e.g. <c>Scanner__PollInterval</c>); they override the
/// cluster's own.
/// </param>
/// <param name="Network">Every service's <c>Processor:Network</c>: the plug-in the validators serve.</param>
/// <param name="SeraiNetwork">The same network as Serai numbers it (the simulated chain's Batches and keys).</param>
/// <param name="ServiceBinaries">
/// A folder holding each service published as <c>&lt;folder&gt;/&lt;project&gt;/&lt;project&gt;.dll</c> (the benchmarks run them
/// ReadyToRun, as the container image does); null runs the build outputs of the test's configuration.
/// </param>
public sealed record ClusterSpec(
    int Validators,
    int? Threshold = null,
    LitecoinNode? Node = null,
    string LogLevel = "Information",
    IReadOnlyDictionary<string, string>? Settings = null,
    string Network = BitcoinPlugin.Name,
    NetworkId SeraiNetwork = NetworkId.Bitcoin,
    string? ServiceBinaries = null)
{
    /// <summary>Serai's threshold for <paramref name="validators"/> participants: ⌊2n/3⌋ + 1.</summary>
    public static int SeraiThreshold(int validators) => (2 * validators / 3) + 1;

    /// <summary>The node in use.</summary>
    public LitecoinNode EffectiveNode => Node ?? LitecoinRegtest.Node;

    /// <summary>Whether the services talk to litecoind: only Bitcoin's plug-in does (litecoind is the project's Bitcoin regtest node).</summary>
    public bool UsesLitecoind => SeraiNetwork == NetworkId.Bitcoin;

    /// <summary>The threshold in use.</summary>
    public int EffectiveThreshold => Threshold ?? SeraiThreshold(Validators);
}

/// <summary>
/// N validators on one broker and one Postgres server, as in the devnet: each validator has its own database, its own topic
/// namespace and its own signer secret key file; its services run as child processes (<see cref="Validator"/>). Topics of
/// every validator are created up front so no process races another to create them.
/// </summary>
public sealed class ValidatorCluster : IAsyncDisposable
{
    private readonly EmbeddedKafkaControlServer? _control;

    private ValidatorCluster(string id, ClusterSpec spec, IReadOnlyList<Validator> validators, EmbeddedKafkaControlServer? control)
    {
        Id = id;
        Spec = spec;
        Validators = validators;
        _control = control;
        using var plugin = new ServiceCollection().AddConfiguredNetworkSigning(spec.Network).BuildServiceProvider();
        KeyForm = plugin.GetRequiredService<INetworkKeyForm>();
    }

    /// <summary>The network every validator serves (<see cref="ClusterSpec.Network"/>).</summary>
    public string Network => Spec.Network;

    /// <summary>The network plug-in's key form, as the validators' signers have it: the curve and the published form of their network keys.</summary>
    public INetworkKeyForm KeyForm { get; }

    /// <summary>A short random id that names this cluster's databases and namespaces.</summary>
    public string Id { get; }

    public ClusterSpec Spec { get; }

    public int Threshold => Spec.EffectiveThreshold;

    /// <summary>The validators, by participant index (<c>Validators[i - 1].Participant == i</c>).</summary>
    public IReadOnlyList<Validator> Validators { get; }

    /// <summary>Validator <paramref name="participant"/> (1-based).</summary>
    public Validator this[int participant] => Validators[participant - 1];

    /// <summary>Creates the validators' databases and topics; starts no service.</summary>
    /// <exception cref="ArgumentException">The spec is impossible (n &lt; 1, t outside 1..n).</exception>
    public static async Task<ValidatorCluster> CreateAsync(ClusterSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Validators < 1 || spec.EffectiveThreshold < 1 || spec.EffectiveThreshold > spec.Validators)
        {
            throw new ArgumentException(
                $"A cluster needs n ≥ 1 and 1 ≤ t ≤ n; got n = {spec.Validators}, t = {spec.EffectiveThreshold}.", nameof(spec));
        }

        var id = Guid.NewGuid().ToString("N")[..10];
        var control = KafkaBroker.IsReal ? null : await EmbeddedKafkaControlServer.StartAsync(KafkaBroker.Embedded!, port: 0, cancellationToken);
        var shared = SharedEnvironment(spec, control);
        var validators = new List<Validator>();
        try
        {
            for (var participant = 1; participant <= spec.Validators; participant++)
            {
                var database = string.Create(CultureInfo.InvariantCulture, $"cluster_{id}_v{participant}");
                var connectionString = await CreateDatabaseAsync(database, cancellationToken);
                var topicNamespace = string.Create(CultureInfo.InvariantCulture, $"v{participant}-{id}");
                validators.Add(new Validator(participant, topicNamespace, database, connectionString, spec, shared));
            }

            await KafkaBroker.Provisioner.EnsureTopicsAsync(
                [.. validators.SelectMany(v => v.Topics.All).Select(t => new TopicSpec(t.Name, t.Partitions))], cancellationToken);
            return new ValidatorCluster(id, spec, validators, control);
        }
        catch
        {
            validators.ForEach(v => v.Dispose());
            if (control is not null)
            {
                await control.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Starts <paramref name="service"/> at every validator.</summary>
    public void StartAll(ServiceDefinition service)
    {
        foreach (var validator in Validators)
        {
            validator.Start(service);
        }
    }

    /// <summary>Throws when a service of any validator exited on its own.</summary>
    public void ThrowIfAnyExited()
    {
        foreach (var validator in Validators)
        {
            validator.ThrowIfAnyExited();
        }
    }

    /// <summary>The last lines of every process of every validator (for failure messages).</summary>
    public string Diagnostics() => string.Join('\n', Validators.Select(v => v.Diagnostics()));

    /// <summary>
    /// Waits (bounded) for <paramref name="what"/>, failing early if a service exited on its own, and with every process's
    /// last output lines on a timeout; probes are <paramref name="pollInterval"/> apart (100 ms by default).
    /// </summary>
    public Task WaitUntilAsync(
        string what, Func<CancellationToken, Task<Probe>> probe, TimeSpan limit, CancellationToken cancellationToken, TimeSpan? pollInterval = null) =>
        BoundedWait.UntilAsync(
            what,
            async token =>
            {
                ThrowIfAnyExited();
                return await probe(token);
            },
            limit,
            cancellationToken,
            Diagnostics,
            pollInterval);

    public async ValueTask DisposeAsync()
    {
        foreach (var validator in Validators)
        {
            validator.Dispose();
        }

        if (_control is not null)
        {
            await _control.DisposeAsync();
        }
    }

    private static Dictionary<string, string> SharedEnvironment(ClusterSpec spec, EmbeddedKafkaControlServer? control)
    {
        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = KafkaBroker.BootstrapServers,
            ["Kafka__Mode"] = KafkaBroker.IsReal ? "External" : "Embedded",
            ["Processor__Network"] = spec.Network,
            ["Logging__LogLevel__Default"] = spec.LogLevel,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
        };
        if (control is not null)
        {
            environment["Kafka__EmbeddedControlUrl"] = control.BaseAddress.ToString();
        }

        IEnumerable<KeyValuePair<string, string>> node = spec.UsesLitecoind ? spec.EffectiveNode.ServiceEnvironment() : [];
        foreach (var (key, value) in node.Concat(spec.Settings ?? new Dictionary<string, string>()))
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>A database on the test Postgres server (the temporary cluster's or the one <c>PROCESSOR_TEST_POSTGRES</c> names).</summary>
    private static async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        if (PostgresServer.Cluster is { } temporary)
        {
            return await temporary.CreateDatabaseAsync(name, cancellationToken);
        }

        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // The name is built above from hex digits and a number; CREATE DATABASE takes no parameters.
#pragma warning disable CA2100
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = name }.ConnectionString;
    }
}
