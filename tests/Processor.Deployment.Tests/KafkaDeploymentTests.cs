using Processor.Contracts;

namespace Processor.Deployment.Tests;

/// <summary>The Kafka broker of compose.yaml and the topics its topic-init job creates.</summary>
public class KafkaDeploymentTests
{
    private static ComposeFile Compose => ComposeFile.Repository;

    private static IReadOnlyDictionary<string, string?> Broker => Compose.Service(ComposeServiceTests.Kafka).Environment;

    [Fact]
    public void TopicScript_TopicList_IsExactlyTheTopicsOfItsNetwork()
    {
        var script = TopicScript.Repository;
        var expected = Topics.For(script.Network).All.Select(t => (t.Name, t.Partitions)).ToList();

        Assert.Equal(script.Topics.Count, script.Topics.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            expected.OrderBy(t => t.Name, StringComparer.Ordinal),
            script.Topics.OrderBy(t => t.Name, StringComparer.Ordinal));
        // Dead-letter topics included (Topics.All lists them after the streams).
        Assert.Contains(script.Topics, t => t.Name.EndsWith(Topics.DeadLetterSuffix, StringComparison.Ordinal));
    }

    [Fact]
    public void TopicScript_Network_IsAValidNetworkName()
    {
        Assert.True(Topics.IsValidNetworkName(TopicScript.Repository.Network));
    }

    [Fact]
    public void TopicInit_RunsTheTopicScriptWithTheBrokerImage_AgainstTheServicesBootstrapServer()
    {
        var init = Compose.Service(ComposeServiceTests.TopicInit);
        var volumes = ((IReadOnlyList<object?>)init.Node["volumes"]!).Cast<string>().ToList();
        var entrypoint = string.Join(' ', ((IReadOnlyList<object?>)init.Node["entrypoint"]!).Cast<string>());

        Assert.Equal(Compose.Service(ComposeServiceTests.Kafka).Image, init.Image);
        var mount = Assert.Single(volumes, v => v.StartsWith("./docker/kafka/create-topics.sh:", StringComparison.Ordinal));
        Assert.Contains(mount.Split(':')[1], entrypoint, StringComparison.Ordinal);
        Assert.Equal("service_healthy", init.DependsOn.GetValueOrDefault(ComposeServiceTests.Kafka));
        Assert.All(ServiceCatalog.All, service => Assert.Equal(
            Compose.Service(service.Name).Environment.GetValueOrDefault("Kafka__BootstrapServers"),
            init.Environment.GetValueOrDefault("BOOTSTRAP_SERVER")));
    }

    [Fact]
    public void KafkaBroker_TopicCreation_OnlyExplicitAndWithoutTimeBasedRetention()
    {
        Assert.Equal("false", Broker.GetValueOrDefault("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
        // DESIGN.md §3: event topics keep their data (replays and rebuilds read from the beginning).
        Assert.Equal("-1", Broker.GetValueOrDefault("KAFKA_LOG_RETENTION_MS"));
        Assert.DoesNotContain("KAFKA_LOG_RETENTION_HOURS", Broker.Keys);
        Assert.DoesNotContain("KAFKA_LOG_RETENTION_MINUTES", Broker.Keys);
        Assert.Equal("-1", Broker.GetValueOrDefault("KAFKA_LOG_RETENTION_BYTES") ?? "-1");

        var topicConfig = (TopicScript.Repository.TopicConfig ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(
            topicConfig.Where(c => c.StartsWith("retention.", StringComparison.Ordinal) || c.StartsWith("cleanup.policy", StringComparison.Ordinal)),
            c => Assert.Equal("retention.ms=-1", c));
    }

    [Fact]
    public void KafkaBroker_SingleKRaftNode_UsesReplicationFactorOneForItsInternalTopics()
    {
        var nodeId = Broker.GetValueOrDefault("KAFKA_NODE_ID");

        Assert.Equal(["broker", "controller"], (Broker.GetValueOrDefault("KAFKA_PROCESS_ROLES") ?? "").Split(',').Order(StringComparer.Ordinal));
        Assert.StartsWith($"{nodeId}@{ComposeServiceTests.Kafka}:", Broker.GetValueOrDefault("KAFKA_CONTROLLER_QUORUM_VOTERS"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Broker.GetValueOrDefault("CLUSTER_ID")));
        // Without these a single broker cannot host the offsets and transaction-state topics: commits and transactions hang.
        Assert.Equal("1", Broker.GetValueOrDefault("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"));
        Assert.Equal("1", Broker.GetValueOrDefault("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"));
        Assert.Equal("1", Broker.GetValueOrDefault("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"));
        Assert.Equal("1", Broker.GetValueOrDefault("KAFKA_DEFAULT_REPLICATION_FACTOR"));
        Assert.Equal("1", Broker.GetValueOrDefault("KAFKA_MIN_INSYNC_REPLICAS"));
        Assert.Equal(["classic", "consumer"], (Broker.GetValueOrDefault("KAFKA_GROUP_COORDINATOR_REBALANCE_PROTOCOLS") ?? "").Split(','));
        Assert.NotNull(Compose.Service(ComposeServiceTests.Kafka).HealthcheckCommand);
    }

    [Fact]
    public void KafkaBroker_AdvertisedListeners_IncludeTheServicesBootstrapServer()
    {
        var advertised = (Broker.GetValueOrDefault("KAFKA_ADVERTISED_LISTENERS") ?? "").Split(',');
        var listeners = (Broker.GetValueOrDefault("KAFKA_LISTENERS") ?? "").Split(',');

        foreach (var service in ServiceCatalog.All)
        {
            var bootstrap = Compose.Service(service.Name).Environment.GetValueOrDefault("Kafka__BootstrapServers");
            var listener = Assert.Single(advertised, a => a.EndsWith($"://{bootstrap}", StringComparison.Ordinal));
            var (name, port) = (listener.Split("://")[0], listener.Split(':')[^1]);
            Assert.Contains(listeners, l => l.StartsWith($"{name}://", StringComparison.Ordinal) && l.EndsWith($":{port}", StringComparison.Ordinal));
        }

        // The host-facing listener advertises the loopback address it is published on.
        var published = Assert.Single(Compose.Service(ComposeServiceTests.Kafka).Ports);
        Assert.Contains($"://{published.HostIp}:{published.Published}", string.Join(',', advertised), StringComparison.Ordinal);
    }
}
