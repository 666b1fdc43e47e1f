using Confluent.Kafka;
using Processor.Messaging.Provisioning;
using Processor.Testing;

namespace Processor.IntegrationTests.Messaging;

/// <summary>
/// Behaviour only a real Kafka broker has (the embedded mock has no admin API): run with KAFKA_BOOTSTRAP=host:port.
/// </summary>
public sealed class RealBrokerTests
{
    private const string NeedsRealBroker =
        "needs a real Kafka broker: set KAFKA_BOOTSTRAP (the embedded mock broker implements no admin API such as CreateTopics)";

    [Fact]
    public async Task AdminProvisioner_CreatesTopicsWithTheirPartitionCounts_AndIsIdempotent()
    {
        Assert.SkipUnless(KafkaBroker.IsReal, NeedsRealBroker);
        var ct = TestContext.Current.CancellationToken;
        var provisioner = new KafkaAdminTopicProvisioner(KafkaBroker.BootstrapServers);
        var topic = KafkaBroker.UniqueTopic("admin");

        await provisioner.EnsureTopicsAsync([new TopicSpec(topic, 3)], ct);
        await provisioner.EnsureTopicsAsync([new TopicSpec(topic, 3)], ct);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = KafkaBroker.BootstrapServers }).Build();
        Assert.Equal(3, admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count);
    }

    [Fact]
    public async Task AdminProvisionerAgainstEmbeddedBroker_FailsWithClearError()
    {
        Assert.SkipWhen(KafkaBroker.IsReal, "only meaningful against the embedded broker");
        var ct = TestContext.Current.CancellationToken;
        var provisioner = new KafkaAdminTopicProvisioner(KafkaBroker.BootstrapServers);

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => provisioner.EnsureTopicsAsync([new TopicSpec(KafkaBroker.UniqueTopic("admin"), 1)], ct));

        Assert.Contains("not supported", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
