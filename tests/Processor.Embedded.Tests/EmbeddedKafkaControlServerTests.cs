using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Processor.Embedded.Kafka;
using Processor.Messaging.Provisioning;

namespace Processor.Embedded.Tests;

public sealed class EmbeddedKafkaControlServerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmbeddedBrokerTopicProvisioner_ThroughControlServer_CreatesTopicsWithTheirPartitions()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });
        await using var control = await EmbeddedKafkaControlServer.StartAsync(cluster, 0, Cancellation);
        var provisioner = new EmbeddedBrokerTopicProvisioner(control.BaseAddress);

        await provisioner.EnsureTopicsAsync([new TopicSpec("orders", 6), new TopicSpec("events", 2)], Cancellation);
        await provisioner.EnsureTopicsAsync([new TopicSpec("orders", 6)], Cancellation);

        Assert.Equal(6, KafkaClients.PartitionCount(cluster.BootstrapServers, "orders"));
        Assert.Equal(2, KafkaClients.PartitionCount(cluster.BootstrapServers, "events"));
        await KafkaClients.AssertRoundTripAsync(cluster.BootstrapServers, "orders", Cancellation);
    }

    [Fact]
    public async Task HealthAndTopics_OverHttp_DescribeTheCluster()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });
        await using var control = await EmbeddedKafkaControlServer.StartAsync(cluster, 0, Cancellation);
        using var http = new HttpClient { BaseAddress = control.BaseAddress };

        using var health = await http.GetAsync(new Uri("health", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var healthJson = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(cluster.BootstrapServers, healthJson.RootElement.GetProperty("bootstrapServers").GetString());

        using var created = await http.PostAsJsonAsync(
            new Uri("topics", UriKind.Relative), new[] { new { name = "listed", partitions = 3 } }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var creations = await created.Content.ReadFromJsonAsync<EmbeddedTopicCreation[]>(Cancellation);
        Assert.Equal([new EmbeddedTopicCreation("listed", 3, true)], creations!);

        var topics = await http.GetFromJsonAsync<EmbeddedTopic[]>(new Uri("topics", UriKind.Relative), Cancellation);
        Assert.Contains(new EmbeddedTopic("listed", 3), topics!);
    }

    [Theory]
    [InlineData("""[{"name":"bad name","partitions":1}]""")]
    [InlineData("""[{"name":"ok","partitions":0}]""")]
    [InlineData("""{"name":"not-an-array","partitions":1}""")]
    [InlineData("not json")]
    public async Task PostTopics_WithInvalidBody_Returns400(string body)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });
        await using var control = await EmbeddedKafkaControlServer.StartAsync(cluster, 0, Cancellation);
        using var http = new HttpClient();

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(control.BaseAddress, "topics"), content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(cluster.CreatedTopics);
    }

    [Fact]
    public async Task EmbeddedBrokerTopicProvisioner_WithInvalidTopic_ThrowsWithTheServersReason()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });
        await using var control = await EmbeddedKafkaControlServer.StartAsync(cluster, 0, Cancellation);
        var provisioner = new EmbeddedBrokerTopicProvisioner(control.BaseAddress);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provisioner.EnsureTopicsAsync([new TopicSpec("bad name", 1)], Cancellation));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedBrokerTopicProvisioner_WhenNothingListens_FailsNamingTheUrl()
    {
        var port = LoopbackPorts.GetFreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var provisioner = new EmbeddedBrokerTopicProvisioner(address, startupTimeout: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provisioner.EnsureTopicsAsync([new TopicSpec("never", 1)], Cancellation));

        Assert.Contains($"http://127.0.0.1:{port}/topics", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedBrokerTopicProvisioner_WhenHostStartsLate_RetriesUntilItAnswers()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });
        var port = LoopbackPorts.GetFreePort();
        var provisioner = new EmbeddedBrokerTopicProvisioner(new Uri($"http://127.0.0.1:{port}"), startupTimeout: TimeSpan.FromSeconds(20));

        var provisioning = provisioner.EnsureTopicsAsync([new TopicSpec("late", 2)], Cancellation);
        await Task.Delay(700, Cancellation);
        Assert.False(provisioning.IsCompleted);
        await using var control = await EmbeddedKafkaControlServer.StartAsync(cluster, port, Cancellation);
        await provisioning.WaitAsync(TimeSpan.FromSeconds(20), Cancellation);

        Assert.Equal(2, cluster.CreatedTopics["late"]);
    }

    [Fact]
    public async Task StartAsync_WhenPortIsTaken_FailsNamingThePort()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });
        await using var first = await EmbeddedKafkaControlServer.StartAsync(cluster, 0, Cancellation);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => EmbeddedKafkaControlServer.StartAsync(cluster, first.Port, Cancellation));

        Assert.Contains($"127.0.0.1:{first.Port}", error.Message, StringComparison.Ordinal);
    }
}
