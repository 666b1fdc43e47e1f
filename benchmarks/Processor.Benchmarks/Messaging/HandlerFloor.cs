using System.Diagnostics;
using Confluent.Kafka;
using Dapper;
using Microsoft.Extensions.Hosting;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Benchmarks.Messaging;

/// <summary>
/// A ceiling for any consumer whose handler makes one round trip per record: the handler's own statement (the counter
/// upsert of <c>CounterIncrementedHandler</c>, same SQL, same parameters through Dapper) executed back to back on one
/// connection of the worker's data source, in transactions of the worker's batch size — with no Kafka, inbox, outbox or
/// relay at all.
/// </summary>
internal static class HandlerFloor
{
    public static async Task<TimeSpan> RunAsync(string connectionString, string schema, Message<byte[]?, byte[]?>[] records, int batchSize)
    {
        var increments = records.Select(r => CounterIncremented.Parser.ParseFrom(r.Value)).ToList();
        await using var dataSource = MessagingHostingExtensions.BuildDataSource(connectionString);
        await using (var setup = await dataSource.OpenConnectionAsync())
        {
            await setup.ExecuteAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.counters (key text PRIMARY KEY, total bigint NOT NULL, applied bigint NOT NULL)");
        }

        var sql = $"""
            INSERT INTO {schema}.counters AS c (key, total, applied) VALUES (@key, @amount, 1)
            ON CONFLICT (key) DO UPDATE SET total = c.total + excluded.total, applied = c.applied + 1
            RETURNING total
            """;
        var start = Stopwatch.GetTimestamp();
        foreach (var chunk in increments.Chunk(batchSize))
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var increment in chunk)
            {
                await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    sql, new { key = increment.Key, amount = increment.Amount }, transaction));
            }

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
