using Processor.IntegrationTests.Support;

namespace Processor.IntegrationTests.Messaging;

/// <summary>A schema name of the longest length Postgres allows (63) works end to end: append, wake-up and relay.</summary>
public sealed class LongSchemaNameTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SchemaOf63Characters_AppendsAndRelaysEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("long-schema", partitions: 1);
        await topics.CreateAsync(ct);
        var shortConfig = CounterWorkerConfig.Create(topics);
        var config = shortConfig with { Schema = (shortConfig.Schema + new string('x', 63))[..63] };
        var state = new CounterState(config.Schema);
        await topics.ProduceAsync(CounterTopics.Increments(5, keys: 1), ct);

        await using (await InProcessCounterWorker.StartAsync(config, ct))
        {
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.AppliedAsync() == 5 && await state.UnpublishedAsync() == 0, Timeout));
        }

        Assert.Equal(5, CounterTopics.ReadAll(topics.Output, r => r.Count >= 5, Timeout).Count);
    }
}
