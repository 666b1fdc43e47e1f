using Processor.Contracts;
using Processor.IntegrationTests.Support;
using Processor.Testing;

namespace Processor.Ctl.Tests;

/// <summary>
/// <c>--namespace</c> (or <c>Processor__TopicNamespace</c>): status and replay address the validator's own consumer groups
/// and topics, whose stored offsets are keyed by the namespaced group.
/// </summary>
public sealed class NamespaceTests(ITestOutputHelper output)
{
    private const string TopicNamespace = "validator-a";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task StatusAndReplayWithTheNamespace_FindTheOffsetsStoredUnderTheNamespacedGroup()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("namespace", partitions: 2);
        await topics.CreateAsync(ct);
        var plain = CounterWorkerConfig.Create(topics);
        // The worker consumes as the service would in the namespace: under <namespace>.<group>.
        var counter = plain with { Group = $"{TopicNamespace}.{plain.Group}" };
        var state = counter.ReadState();
        await using (await InProcessCounterWorker.StartAsync(counter, ct))
        {
            await topics.ProduceAsync(CounterTopics.Increments(20, 4), ct);
            Assert.True(await CounterState.EventuallyAsync(async () => await state.AppliedAsync() == 20, Timeout));
        }

        var positions = await CtlHarness.PositionsAsync(counter);
        var status = await CtlHarness.RunAsync(["status", .. CtlHarness.Worker(plain), "--namespace", TopicNamespace]);
        output.WriteLine(status.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("(topic namespace validator-a)", status.Output, StringComparison.Ordinal);
        Assert.Contains(status.Output.Split('\n'), line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            is ["worker", _, var group, "started", ..] && group == counter.Group);
        var rows = CtlHarness.RowsFor(status.Output, topics.Input);
        Assert.All(positions, p => Assert.Contains(rows, cells => cells[2] == $"{p.Partition}" && cells[3] == $"{p.NextOffset}"));

        // From the environment, as the services read it, the replay finds the same offsets.
        var replay = await CtlHarness.RunAsync(
            new Dictionary<string, string> { ["Processor__TopicNamespace"] = TopicNamespace },
            ["replay", .. CtlHarness.Worker(plain), "--to-beginning", "--dry-run", "--postgres", PostgresServer.ConnectionString,
                "--bootstrap", KafkaBroker.BootstrapServers]);
        output.WriteLine(replay.ToString());
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains($"consumer group {counter.Group}", replay.Output, StringComparison.Ordinal);

        // Without the namespace the group is another validator's: nothing is stored under it.
        var outside = await CtlHarness.RunAsync(["replay", .. CtlHarness.Worker(plain), "--to-beginning", "--dry-run"]);
        Assert.True(outside.ExitCode == 1, outside.ToString());
        Assert.Contains($"No stored offsets for consumer group '{plain.Group}'", outside.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWithTheNamespace_NamesEveryServicesNamespacedGroup()
    {
        var result = await CtlHarness.RunAsync("status", "--network", "ctl" + Guid.NewGuid().ToString("N")[..12], "--namespace", TopicNamespace);
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(ServiceCatalog.All, service => Assert.Contains(
            result.Output.Split('\n'),
            line => line.StartsWith(service.Name + " ", StringComparison.Ordinal)
                    && line.Contains($" {TopicNamespace}.{service.ConsumerGroup} ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Validator A")]
    [InlineData("validator.a")]
    public async Task InvalidNamespace_IsAUsageError(string topicNamespace)
    {
        var result = await CtlHarness.RunAsync("status", "--namespace", topicNamespace);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--namespace '{topicNamespace}' is not valid: a topic namespace is", result.Error, StringComparison.Ordinal);
    }
}
