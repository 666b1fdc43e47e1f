using System.CommandLine;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl;

/// <summary>
/// <c>status</c>: per service, the stored offset of each partition it consumes (Postgres), the topic's end offset (the
/// broker's high watermark), the lag between them, its outbox backlog and its dead letters. Reads only.
/// </summary>
internal sealed class StatusCommand : Command
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(3);
    private const string Unknown = "?";

    private readonly Func<string, string?> _environment;
    private readonly ConnectionOptions _connection = new();
    private readonly Argument<string?> _service = new("service")
    {
        Description = "Only this service (default: every service of the catalog; another name needs --schema and --group)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _schema = new("--schema") { Description = "Postgres schema instead of the service's own", HelpName = "schema" };
    private readonly Option<string?> _group = new("--group") { Description = "Consumer group instead of the service's own", HelpName = "group" };

    public StatusCommand(Func<string, string?> environment)
        : base("status", "Show each service's stored offsets, end offsets, lag, outbox backlog and dead letters.")
    {
        _environment = environment;
        Arguments.Add(_service);
        Options.Add(_schema);
        Options.Add(_group);
        _connection.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var (service, schema, group) = (parsed.GetValue(_service), parsed.GetValue(_schema), parsed.GetValue(_group));
        if (service is null && (schema is not null || group is not null))
        {
            throw new UsageException("--schema and --group need a service: status <service> --schema <schema> --group <group>.");
        }

        var networkTopics = _connection.ResolveTopics(parsed, _environment);
        var targets = service is null
            ? ServiceCatalog.All.Select(s => ServiceTarget.From(s, networkTopics)).ToList()
            : [ServiceTarget.Resolve(service, schema, group, networkTopics)];
        var settings = _connection.Resolve(parsed, _environment);

        await using var db = await Database.OpenAsync(settings, cancellationToken);
        using var broker = Broker.TryConnect(settings.BootstrapServers, BrokerTimeout);
        var inNamespace = settings.Topics.Namespace is { } name ? $" (topic namespace {name})" : "";
        await output.WriteLineAsync($"Network {settings.Topics.Network}{inNamespace}; Postgres {db.Display}; Kafka {settings.BootstrapServers}");
        if (broker is null)
        {
            await output.WriteLineAsync(
                $"Kafka broker unreachable: it did not answer within {BrokerTimeout.TotalSeconds:0} s; end offsets and lag are shown as '{Unknown}'.");
        }

        await output.WriteLineAsync();
        var services = new TextTable("SERVICE", "SCHEMA", "GROUP", "STATE", ">OUTBOX BACKLOG", ">DEAD LETTERS");
        var partitions = new TextTable("SERVICE", "TOPIC", ">PARTITION", ">STORED", ">END", ">LAG");
        foreach (var target in targets)
        {
            if (!await db.ServiceSchemaExistsAsync(target.Schema, cancellationToken))
            {
                services.Add(target.Name, target.Schema, target.Group, "not started", "-", "-");
                continue;
            }

            var backlog = await new MessagingTables(target.Schema).CountUnpublishedAsync(db.Connection, cancellationToken);
            var deadLetters = await db.CountAsync(target.Schema, "dead_letters", "true", null, cancellationToken);
            services.Add(target.Name, target.Schema, target.Group, "started", backlog, deadLetters);

            var stored = (await db.PositionsAsync(target.Schema, target.Group, cancellationToken))
                .ToDictionary(p => (p.Topic, p.Partition), p => p.NextOffset);
            var topics = target.Topics.Concat(stored.Keys.Select(k => k.Topic).Order(StringComparer.Ordinal)).Distinct();
            foreach (var topic in topics)
            {
                var ids = (broker?.Partitions.GetValueOrDefault(topic) ?? [])
                    .Concat(stored.Keys.Where(k => k.Topic == topic).Select(k => k.Partition)).Distinct().Order().ToList();
                if (ids.Count == 0)
                {
                    partitions.Add(target.Name, topic, "-", "-", broker is null ? Unknown : "-", broker is null ? Unknown : "(topic not found)");
                }

                foreach (var partition in ids)
                {
                    var next = stored.TryGetValue((topic, partition), out var n) ? n : (long?)null;
                    var marks = broker?.Watermarks(topic, partition);
                    // A partition never consumed is read from its low watermark, so all of it is lag.
                    var lag = marks is { } m ? (m.High - (next ?? m.Low)).ToString(System.Globalization.CultureInfo.InvariantCulture) : Unknown;
                    partitions.Add(target.Name, topic, partition, next?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                        marks?.High.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Unknown, lag);
                }
            }
        }

        services.WriteTo(output);
        if (partitions.Count > 0)
        {
            await output.WriteLineAsync();
            partitions.WriteTo(output);
        }

        return 0;
    }
}
