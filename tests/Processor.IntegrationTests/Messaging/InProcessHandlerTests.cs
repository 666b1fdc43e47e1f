using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Messaging.Consuming;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker;
using Processor.Messaging.TestWorker.V1;
using Processor.Testing;

namespace Processor.IntegrationTests.Messaging;

/// <summary>
/// The in-process handler test bed on the test worker's batch handler: what the handler emitted reaches the outbox with the
/// ids the consumer would derive, its state commits with the inbox, and a park or a poison record commits nothing.
/// </summary>
public sealed class InProcessHandlerTests
{
    private const string OutputTopic = "test.counter.changes";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunOfIncrements_EmitsDerivedEventsIntoTheOutbox_AndCommitsTheState()
    {
        await using var bed = await StartAsync(new WorkerSettings { InputTopic = HandlerTestBed.InputTopic, OutputTopic = OutputTopic });
        OutgoingEvent[] increments =
        [
            new(EventIds.NewFact(), HandlerTestBed.InputTopic, "a", new CounterIncremented { Key = "a", Amount = 2, Sequence = 0 }),
            new(EventIds.NewFact(), HandlerTestBed.InputTopic, "a", new CounterIncremented { Key = "a", Amount = 3, Sequence = 1 }),
        ];

        var invocation = await bed.DeliverAsync(increments, Cancel);

        Assert.Equal(2, invocation.Applied);
        Assert.Equal(
            [
                new EmittedEvent<CounterChanged>(
                    EventIds.Derived(increments[0].EventId, 0), OutputTopic, "a", CounterChanged.Descriptor.FullName,
                    new CounterChanged { Key = "a", Total = 2, Sequence = 0 }),
                new EmittedEvent<CounterChanged>(
                    EventIds.Derived(increments[1].EventId, 0), OutputTopic, "a", CounterChanged.Descriptor.FullName,
                    new CounterChanged { Key = "a", Total = 5, Sequence = 1 }),
            ],
            HandlerTestBed.Emitted(invocation, CounterChanged.Parser));
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        Assert.Equal(5, await connection.ExecuteScalarAsync<long>($"SELECT total FROM {bed.Schema}.counters WHERE key = 'a'"));
        Assert.Equal(
            invocation.Emitted.Select(e => e.EventId),
            await connection.QueryAsync<Guid>($"SELECT event_id FROM {bed.Schema}.outbox ORDER BY id"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {bed.Schema}.inbox"));
    }

    [Fact]
    public async Task ParkedRecord_ReportsWhy_AndCommitsNothing()
    {
        await using var bed = await StartAsync(new WorkerSettings
        {
            InputTopic = HandlerTestBed.InputTopic, OutputTopic = OutputTopic, ParkKeysUntilCounterExists = new ParkGate("gated", "gate"),
        });

        var invocation = await bed.DeliverAsync(new CounterIncremented { Key = "gated-1", Amount = 1 }, Cancel);

        Assert.Equal("counter 'gate' does not exist yet", invocation.ParkReason);
        Assert.Empty(invocation.Emitted);
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            $"SELECT (SELECT count(*) FROM {bed.Schema}.counters) + (SELECT count(*) FROM {bed.Schema}.inbox)"));
    }

    [Fact]
    public async Task PoisonRecord_ThrowsTheHandlersReason_AndCommitsNothing()
    {
        await using var bed = await StartAsync(new WorkerSettings { InputTopic = HandlerTestBed.InputTopic, OutputTopic = OutputTopic });

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(
            () => bed.DeliverAsync(new CounterIncremented { Key = "b", Amount = -1 }, Cancel));

        Assert.Equal("negative amount -1 for counter 'b'", poison.Message);
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {bed.Schema}.inbox"));
    }

    private static Task<HandlerTestBed> StartAsync(WorkerSettings settings) => HandlerTestBed.StartAsync(
        builder =>
        {
            builder.Services.AddSingleton(settings);
            builder.AddProcessorMessaging("worker").AddWorkerRole(settings);
        },
        new Dictionary<string, string?>(),
        Cancel);
}
