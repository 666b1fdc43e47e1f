using System.Diagnostics;
using Confluent.Kafka;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Processor.Messaging.Envelopes;
using Processor.Messaging.Storage;
using Processor.Messaging.TestWorker;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Benchmarks.Messaging;

/// <summary>
/// A ceiling for the exactly-once consumer with this handler: the handler's own writes (<see cref="CounterLedger"/>, the
/// statement <c>CounterIncrementedHandler</c> runs per batch) executed back to back on one connection of the worker's data
/// source, one transaction per batch of the worker's batch size — with no Kafka, inbox, outbox or relay at all.
/// </summary>
internal static class HandlerFloor
{
    public static async Task<TimeSpan> RunAsync(string connectionString, string schema, Message<byte[]?, byte[]?>[] records, int batchSize)
    {
        var increments = records.Select(r => (EventIds.NewFact(), CounterIncremented.Parser.ParseFrom(r.Value))).ToList();
        await using var dataSource = MessagingHostingExtensions.BuildDataSource(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(schema, [typeof(CounterLedger).Assembly], CancellationToken.None);

        var ledger = new CounterLedger(schema);
        var start = Stopwatch.GetTimestamp();
        foreach (var chunk in increments.Chunk(batchSize))
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await ledger.ApplyAsync(transaction, chunk, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        await using (var cleanup = await dataSource.OpenConnectionAsync())
        {
            var applied = await cleanup.ExecuteScalarAsync<long>($"SELECT sum(applied)::bigint FROM {schema}.counters");
            await cleanup.ExecuteAsync($"DROP SCHEMA {schema} CASCADE");
            if (applied != increments.Count)
            {
                throw new InvalidOperationException($"handler floor: {applied} applied of {increments.Count}");
            }
        }

        return elapsed;
    }
}
