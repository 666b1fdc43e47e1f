using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Processor.Contracts;

/// <summary>A topic to provision: its name and the partition count it is created with.</summary>
/// <param name="Name">The topic name.</param>
/// <param name="Partitions">The partition count.</param>
/// <param name="DeadLetterOf">For a dead-letter topic, the topic whose poison messages it receives; otherwise null.</param>
public sealed record TopicDefinition(string Name, int Partitions, string? DeadLetterOf = null)
{
    /// <summary>Whether this is a dead-letter topic.</summary>
    public bool IsDeadLetter => DeadLetterOf is not null;
}

/// <summary>
/// Topic names: <c>&lt;owner&gt;.&lt;stream&gt;.&lt;network&gt;.v&lt;N&gt;</c>, each with a dead-letter topic
/// <c>&lt;topic&gt;.dlq</c>; with a topic namespace (one per validator, so several validators can share a broker) every
/// topic name and consumer group starts with <c>&lt;namespace&gt;.</c>. <see cref="For"/> gives every name for one network.
/// </summary>
public static partial class Topics
{
    /// <summary>Suffix of a dead-letter topic's name.</summary>
    public const string DeadLetterSuffix = ".dlq";

    /// <summary>Partition count of every dead-letter topic.</summary>
    public const int DeadLetterPartitions = 1;

    /// <summary>Longest accepted network name (keeps every topic name far below Kafka's 249-character limit).</summary>
    public const int MaxNetworkNameLength = 64;

    /// <summary>Longest accepted topic namespace.</summary>
    public const int MaxNamespaceLength = 32;

    /// <summary>
    /// The topics of <paramref name="network"/> in <paramref name="topicNamespace"/> (null or empty: no namespace).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="network"/> is not a valid network name, or <paramref name="topicNamespace"/> not a valid namespace.
    /// </exception>
    public static NetworkTopics For(string network, string? topicNamespace = null) =>
        new(ValidateNetworkName(network), string.IsNullOrEmpty(topicNamespace) ? null : ValidateNamespace(topicNamespace));

    /// <summary>The dead-letter topic of <paramref name="topic"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="topic"/> is empty or already a dead-letter topic.</exception>
    public static string DeadLetterOf(string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        if (topic.EndsWith(DeadLetterSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{topic}' is already a dead-letter topic; dead letters are not dead-lettered again.", nameof(topic));
        }

        return topic + DeadLetterSuffix;
    }

    /// <summary>
    /// Whether <paramref name="network"/> is a valid network name: lower-case ASCII, <c>^[a-z][a-z0-9-]*$</c>, at most
    /// <see cref="MaxNetworkNameLength"/> characters (e.g. <c>bitcoin</c>, <c>bitcoin-testnet</c>).
    /// </summary>
    public static bool IsValidNetworkName(string? network) =>
        network is { Length: > 0 and <= MaxNetworkNameLength } && NetworkNamePattern().IsMatch(network);

    /// <summary>Returns <paramref name="network"/> if it is a valid network name.</summary>
    /// <exception cref="ArgumentException">It is not (the message says why).</exception>
    public static string ValidateNetworkName(string network, [CallerArgumentExpression(nameof(network))] string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(network, parameterName);
        if (!IsValidNetworkName(network))
        {
            throw new ArgumentException(
                $"Invalid network name '{network}': a network name is 1 to {MaxNetworkNameLength} lower-case ASCII letters, " +
                "digits and dashes, starting with a letter (^[a-z][a-z0-9-]*$), e.g. 'bitcoin'.",
                parameterName);
        }

        return network;
    }

    /// <summary>
    /// Whether <paramref name="topicNamespace"/> is a valid topic namespace: like a network name (<c>^[a-z][a-z0-9-]*$</c>),
    /// at most <see cref="MaxNamespaceLength"/> characters (e.g. <c>validator-1</c>).
    /// </summary>
    public static bool IsValidNamespace(string? topicNamespace) =>
        topicNamespace is { Length: > 0 and <= MaxNamespaceLength } && NetworkNamePattern().IsMatch(topicNamespace);

    /// <summary>Returns <paramref name="topicNamespace"/> if it is a valid topic namespace.</summary>
    /// <exception cref="ArgumentException">It is not (the message says why).</exception>
    public static string ValidateNamespace(
        string topicNamespace, [CallerArgumentExpression(nameof(topicNamespace))] string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(topicNamespace, parameterName);
        return IsValidNamespace(topicNamespace)
            ? topicNamespace
            : throw new ArgumentException($"Invalid topic namespace '{topicNamespace}': {NamespaceRule}", parameterName);
    }

    /// <summary>What a valid topic namespace is, for messages that name their own setting.</summary>
    public static string NamespaceRule =>
        $"a topic namespace is 1 to {MaxNamespaceLength} lower-case ASCII letters, digits and dashes, starting with a letter " +
        "(^[a-z][a-z0-9-]*$), e.g. 'validator-1'.";

    // \z rather than $: $ would also accept a trailing newline.
    [GeneratedRegex(@"^[a-z][a-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NetworkNamePattern();
}

/// <summary>
/// The topics and consumer groups of one network in one topic namespace (see <see cref="Topics.For"/>). The names in
/// these docs are shown without a namespace; with one, each starts with <c>&lt;namespace&gt;.</c>.
/// </summary>
public sealed class NetworkTopics
{
    internal NetworkTopics(string network, string? topicNamespace)
    {
        Network = network;
        Namespace = topicNamespace;
        CoordinatorCommands = NameOf(TopicTemplates.CoordinatorCommands);
        ProcessorEvents = NameOf(TopicTemplates.ProcessorEvents);
        ScannerBlocks = NameOf(TopicTemplates.ScannerBlocks);
        ScannerAlerts = NameOf(TopicTemplates.ScannerAlerts);
        SignerKeys = NameOf(TopicTemplates.SignerKeys);
        SignerSignatures = NameOf(TopicTemplates.SignerSignatures);
        ReporterBatchSignRequests = NameOf(TopicTemplates.ReporterBatchSignRequests);
        ReporterAcknowledgements = NameOf(TopicTemplates.ReporterAcknowledgements);
        SchedulerPlans = NameOf(TopicTemplates.SchedulerPlans);

        var streams = TopicTemplates.All
            .Select(template => new TopicDefinition(NameOf(template), template.Partitions))
            .ToList();
        var deadLetters = streams
            .Select(topic => new TopicDefinition(Topics.DeadLetterOf(topic.Name), Topics.DeadLetterPartitions, topic.Name));
        All = [.. streams, .. deadLetters];
    }

    /// <summary>The network these topics belong to.</summary>
    public string Network { get; }

    /// <summary>The topic namespace (the validator's), or null when the names have none.</summary>
    public string? Namespace { get; }

    /// <summary><c>coordinator.commands.&lt;network&gt;.v1</c>: coordinator → processor.</summary>
    public string CoordinatorCommands { get; }

    /// <summary><c>processor.events.&lt;network&gt;.v1</c>: processor → coordinator.</summary>
    public string ProcessorEvents { get; }

    /// <summary><c>scanner.blocks.&lt;network&gt;.v1</c>.</summary>
    public string ScannerBlocks { get; }

    /// <summary><c>scanner.alerts.&lt;network&gt;.v1</c>.</summary>
    public string ScannerAlerts { get; }

    /// <summary><c>signer.keys.&lt;network&gt;.v1</c>.</summary>
    public string SignerKeys { get; }

    /// <summary><c>signer.signatures.&lt;network&gt;.v1</c>.</summary>
    public string SignerSignatures { get; }

    /// <summary><c>reporter.batch-sign-requests.&lt;network&gt;.v1</c>.</summary>
    public string ReporterBatchSignRequests { get; }

    /// <summary><c>reporter.acknowledgements.&lt;network&gt;.v1</c>.</summary>
    public string ReporterAcknowledgements { get; }

    /// <summary><c>scheduler.plans.&lt;network&gt;.v1</c>.</summary>
    public string SchedulerPlans { get; }

    /// <summary>Every topic of the network with its partition count: the streams, then their dead-letter topics.</summary>
    public IReadOnlyList<TopicDefinition> All { get; }

    /// <summary>The name of <paramref name="template"/>'s topic for this network, in this namespace.</summary>
    public string NameOf(TopicTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return InNamespace(template.NameFor(Network));
    }

    /// <summary>The consumer group of <paramref name="service"/> in this namespace.</summary>
    public string ConsumerGroupOf(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return ConsumerGroup(service.ConsumerGroup);
    }

    /// <summary>
    /// The consumer group <paramref name="group"/> in this namespace: every group is namespaced, an operator's chosen one
    /// too, because validators sharing a broker must never share a group.
    /// </summary>
    public string ConsumerGroup(string group)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        return InNamespace(group);
    }

    private string InNamespace(string name) => Namespace is null ? name : $"{Namespace}.{name}";
}
