using Confluent.Kafka;
using Processor.Contracts;
using Processor.Messaging.TestWorker.V1;

namespace Processor.IntegrationTests.Support;

/// <summary>
/// The check every fault and crash test ends with: the same input, applied by a worker that meets no fault, gives the same
/// counters, the same ledger and the same emitted events (each id once, re-sent copies byte-identical).
/// </summary>
public static class RunWithoutFaults
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Runs <paramref name="increments"/> (already on <paramref name="topics"/>' input) through a worker hosted in the test
    /// process, on its own schema and output topic, and asserts that <paramref name="state"/> and <paramref name="topics"/>'
    /// output equal what it produced.
    /// </summary>
    public static async Task AssertSameStateAndOutputAsync(
        CounterTopics topics, CounterState state, IReadOnlyList<(Guid Id, CounterIncremented Message)> increments,
        CancellationToken cancellationToken)
    {
        var baselineTopics = topics.WithOtherOutput();
        await baselineTopics.CreateAsync(cancellationToken);
        var baseline = CounterWorkerConfig.Create(baselineTopics);
        var baselineState = baseline.ReadState();
        await using (await InProcessCounterWorker.StartAsync(baseline, cancellationToken))
        {
            Assert.True(await baselineState.AllAppliedAndPublishedAsync(increments.Count, Timeout), "the run without faults did not finish");
        }

        var expected = increments.GroupBy(i => i.Message.Key)
            .ToDictionary(g => g.Key, g => (Total: g.Sum(i => i.Message.Amount), Applied: (long)g.Count()));
        var counters = await state.CountersAsync();
        Assert.Equal(expected, counters);
        Assert.Equal(await baselineState.CountersAsync(), counters);
        var ledger = await state.LedgerAsync();
        Assert.Equal(increments.Count, ledger.Count);
        Assert.Equal(await baselineState.LedgerAsync(), ledger);

        var emitted = DistinctEvents(topics.Output, increments.Count, topics.Broker);
        Assert.Equal(increments.Count, emitted.Count);
        Assert.Equal(DistinctEvents(baselineTopics.Output, increments.Count, topics.Broker), emitted);
        var changes = emitted.Values.Select(v => CounterChanged.Parser.ParseFrom(Convert.FromHexString(v))).ToList();
        Assert.All(changes.GroupBy(c => c.Key), g =>
            Assert.Equal(Enumerable.Range(0, g.Count()).Select(i => (long)i), g.Select(c => c.Sequence).Order()));
    }

    /// <summary>Each event id on <paramref name="topic"/> with its value (hex), read until <paramref name="count"/> ids were seen.</summary>
    private static SortedDictionary<Guid, string> DistinctEvents(string topic, int count, CounterBroker broker)
    {
        var records = CounterTopics.ReadAll(topic, AllEventsSeen(), TimeSpan.FromSeconds(60), broker);
        var events = new SortedDictionary<Guid, string>();
        foreach (var record in records)
        {
            var id = Guid.Parse(CounterTopics.Header(record, MessageHeaders.EventId)!);
            if (events.TryGetValue(id, out var existing))
            {
                // A re-sent copy must be byte-identical to the first.
                Assert.Equal(existing, Convert.ToHexString(record.Message.Value!));
            }

            events[id] = Convert.ToHexString(record.Message.Value!);
        }

        return events;

        // Counts ids as records arrive: re-counting the whole list after every record is quadratic in the re-sent copies.
        Func<List<ConsumeResult<byte[]?, byte[]?>>, bool> AllEventsSeen()
        {
            var ids = new HashSet<string?>();
            var counted = 0;
            return records =>
            {
                for (; counted < records.Count; counted++)
                {
                    ids.Add(CounterTopics.Header(records[counted], MessageHeaders.EventId));
                }

                return ids.Count >= count;
            };
        }
    }
}
