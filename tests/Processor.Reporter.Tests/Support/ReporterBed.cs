using Dapper;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Processor.Contracts.Reporter.V1;
using Processor.Messaging.Consuming;
using Processor.Messaging.Outbox;
using Processor.Messaging.Storage;
using Processor.Reporter;
using Processor.Testing;
using ContractBatch = Processor.Contracts.Coordinator.V1.Batch;

namespace Processor.Reporter.Tests.Support;

/// <summary>
/// The reporter as its Program registers it, on a fresh schema of the test Postgres server: deliveries run its handlers
/// in-process, each in one committed transaction, and every emitted event is kept in order for the test to look at.
/// </summary>
internal sealed class ReporterBed : IAsyncDisposable
{
    private readonly HandlerTestBed _bed;
    private readonly List<OutboxRecord> _emitted = [];

    private ReporterBed(HandlerTestBed bed) => _bed = bed;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public string Schema => _bed.Schema;

    public static async Task<ReporterBed> StartAsync() => new(await HandlerTestBed.StartAsync(
        builder => builder.AddReporter(), new Dictionary<string, string?> { ["Processor:Network"] = "bitcoin" }, Cancel));

    /// <summary>Delivers each message as its own record (its own event id unless <paramref name="eventId"/> is given).</summary>
    public async Task<HandlerInvocation> DeliverAsync(IMessage message, Guid? eventId = null)
    {
        var invocation = await _bed.DeliverAsync(message, Cancel, eventId);
        _emitted.AddRange(invocation.Emitted);
        return invocation;
    }

    /// <summary>Delivers the records in order, each with its own event id (as the scanner's facts have).</summary>
    public async Task DeliverAllAsync(IEnumerable<(Guid Id, IMessage Message)> records)
    {
        foreach (var (id, message) in records)
        {
            await DeliverAsync(message, id);
        }
    }

    public void Restart() => _bed.Restart();

    /// <summary>Everything emitted so far, in order.</summary>
    public IReadOnlyList<OutboxRecord> Emitted => _emitted;

    public IReadOnlyList<T> EmittedOf<T>(MessageParser<T> parser)
        where T : IMessage<T>, new()
    {
        var type = new T().Descriptor.FullName;
        return [.. _emitted.Where(r => r.EventType == type).Select(r => parser.ParseFrom(r.Payload))];
    }

    public IReadOnlyList<ContractBatch> Batches => EmittedOf(ContractBatch.Parser);

    public IReadOnlyList<BatchSignRequested> SignRequests => EmittedOf(BatchSignRequested.Parser);

    /// <summary>What <c>processorctl replay reporter --to-beginning --wipe-state</c> truncates: every table but the kept ones.</summary>
    public async Task WipeStateAsync()
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        var tables = (await connection.QueryAsync<string>(
            "SELECT tablename FROM pg_tables WHERE schemaname = @schema AND NOT (tablename = ANY(@kept))",
            new { schema = Schema, kept = MessagingTables.KeptOnReplay.ToArray() })).ToList();
        await connection.ExecuteAsync($"TRUNCATE TABLE {string.Join(", ", tables.Select(t => $"{Schema}.{t}"))}");
        _emitted.Clear();
    }

    public async Task<long> OutboxCountAsync()
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Schema}.outbox");
    }

    public ValueTask DisposeAsync() => _bed.DisposeAsync();
}
