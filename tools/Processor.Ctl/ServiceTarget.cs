using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl;

/// <summary>A service as the tool addresses it: its schema, consumer group and the topics it consumes.</summary>
internal sealed record ServiceTarget(string Name, string Schema, string Group, IReadOnlyList<string> Topics)
{
    public static string KnownNames => string.Join(", ", ServiceCatalog.All.Select(s => s.Name));

    /// <summary>A catalog service with its consumer group and topics in <paramref name="topics"/>' namespace.</summary>
    public static ServiceTarget From(ServiceDefinition service, NetworkTopics topics) =>
        new(service.Name, service.PostgresSchema, topics.ConsumerGroupOf(service), service.Consumes.Select(topics.NameOf).ToList());

    /// <summary>
    /// A catalog service, with <paramref name="schema"/> and <paramref name="group"/> overriding its own; a name outside the
    /// catalog (a blue/green copy, a test worker) needs both overrides. A given group is put in the namespace, as the
    /// services do with <c>Messaging:ConsumerGroup</c>.
    /// </summary>
    /// <exception cref="UsageException">Unknown service without both overrides, or an invalid schema name.</exception>
    public static ServiceTarget Resolve(string name, string? schema, string? group, NetworkTopics topics)
    {
        var known = ServiceCatalog.All.FirstOrDefault(s => s.Name == name);
        if (known is null && (string.IsNullOrWhiteSpace(schema) || string.IsNullOrWhiteSpace(group)))
        {
            throw new UsageException(
                $"Unknown service '{name}': expected one of {KnownNames} (a service outside the catalog needs both --schema and --group).");
        }

        var target = known is null ? new ServiceTarget(name, schema!, topics.ConsumerGroup(group!), []) : From(known, topics);
        target = target with
        {
            Schema = string.IsNullOrWhiteSpace(schema) ? target.Schema : schema,
            Group = string.IsNullOrWhiteSpace(group) ? target.Group : topics.ConsumerGroup(group),
        };
        try
        {
            SchemaName.Validate(target.Schema);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message.Split(" (Parameter", 2)[0]);
        }

        return target;
    }
}
