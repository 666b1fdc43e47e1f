using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Hosting.Periodic;
using Processor.Messaging.Outbox;
using Processor.Networks;
using Processor.Scheduler.Storage;

namespace Processor.Scheduler.Publishing;

/// <summary>
/// Publishes every stored signed transaction whose broadcast is due: a newly signed one at once (then <c>PlanStatus
/// PUBLISHED</c>, once), a published one again every <see cref="SchedulerOptions.RebroadcastInterval"/> until its plan
/// completes, since nodes drop transactions from their mempools. Publishing is driven by the stored state only, so a crash
/// between storing a signed transaction and publishing it publishes it after the restart, and publishing twice is harmless
/// (the node's "already known" answer counts as published). A node that cannot be reached stops the run and is retried with
/// a doubling wait; a transaction the node refuses is recorded with the reason and tried again a re-broadcast interval later.
/// </summary>
public sealed partial class TransactionBroadcaster(
    NpgsqlDataSource dataSource,
    PlanStore plans,
    IFactPublisher facts,
    NetworkTopics topics,
    INetworkNode node,
    INodeErrorClassifier nodeErrors,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<TransactionBroadcaster> logger)
    : PeriodicTask("broadcast", ScheduleOf(options.Value), time, logger)
{
    // Transactions per query: a run goes on until nothing is due.
    private const int BatchSize = 100;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            IReadOnlyList<DueBroadcast> due;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                due = await plans.DueAsync(connection, Time.GetUtcNow(), BatchSize, cancellationToken);
            }

            foreach (var broadcast in due)
            {
                await BroadcastAsync(broadcast, cancellationToken);
            }

            if (due.Count < BatchSize)
            {
                return;
            }

            ReportProgress();
        }
    }

    private async Task BroadcastAsync(DueBroadcast broadcast, CancellationToken cancellationToken)
    {
        var interval = options.Value.RebroadcastInterval;
        try
        {
            await node.PublishTransactionAsync(broadcast.Transaction, cancellationToken);
        }
        catch (Exception ex) when (!nodeErrors.IsTransient(ex) && ex is not OperationCanceledException)
        {
            LogRefused(Logger, Convert.ToHexStringLower(broadcast.PlanId), Convert.ToHexStringLower(broadcast.Txid), interval, ex.Message);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await plans.RecordRefusalAsync(connection, broadcast.PlanId, ex.Message, Time.GetUtcNow() + interval, cancellationToken);
            return;
        }

        var now = Time.GetUtcNow();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await plans.RecordBroadcastAsync(transaction, broadcast.PlanId, now, now + interval, cancellationToken))
            {
                var planId = Convert.ToHexStringLower(broadcast.PlanId);
                await facts.AppendAsync(
                    transaction, topics.ProcessorEvents, topics.Network, $"scheduler/{topics.Network}/plan/{planId}/published",
                    new PlanStatus
                    {
                        Session = (uint)broadcast.Session,
                        PlanId = ByteString.CopyFrom(broadcast.PlanId),
                        State = PlanState.Published,
                        Txid = ByteString.CopyFrom(broadcast.Txid),
                    },
                    cancellationToken);
                LogPublished(Logger, planId, Convert.ToHexStringLower(broadcast.Txid));
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static PeriodicSchedule ScheduleOf(SchedulerOptions options) =>
        new(options.PublishPollInterval, options.PublishPollInterval, options.MaxRetryInterval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan {PlanId}: transaction {Txid} published")]
    private static partial void LogPublished(ILogger logger, string planId, string txid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan {PlanId}: the node refused transaction {Txid}; trying again in {Wait}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string planId, string txid, TimeSpan wait, string reason);
}
