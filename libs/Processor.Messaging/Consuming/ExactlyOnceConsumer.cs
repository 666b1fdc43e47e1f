using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Processor.Hosting.Failures;
using Processor.Messaging.Diagnostics;
using Processor.Messaging.Kafka;
using Processor.Messaging.Storage;

namespace Processor.Messaging.Consuming;

/// <summary>
/// The consume loop of a service. It runs on its own thread (every consumer call, rebalance callback and commit happens
/// there), collects what the broker has ready into a micro-batch, and applies it through <see cref="BatchApplier"/>.
/// Offsets come from Postgres on assignment; Kafka's committed offsets are only kept up to date for lag tooling.
/// </summary>
public sealed partial class ExactlyOnceConsumer(
    IOptions<MessagingOptions> messagingOptions,
    IOptions<KafkaOptions> kafkaOptions,
    ConsumerSubscription subscription,
    BatchApplier applier,
    MessagingTables tables,
    NpgsqlDataSource dataSource,
    IEnumerable<IMessagingObserver> observers,
    ConsumerHeartbeat heartbeat,
    TransientFailureClassifier transientFailures,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ExactlyOnceConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WakeDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ReplayCheckInterval = TimeSpan.FromSeconds(1);

    private readonly MessagingOptions _options = messagingOptions.Value;
    private readonly IMessagingObserver[] _observers = observers.ToArray();
    private readonly Dictionary<TopicPartition, long> _generations = [];
    private readonly Dictionary<TopicPartition, (long Offset, DateTimeOffset Due)> _parked = [];
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _pending = [];
    private DateTimeOffset _nextReplayCheck;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        try
        {
            using var consumer = Build();
            consumer.Subscribe(subscription.Topics);
            LogStarted(logger, _options.ConsumerGroup, string.Join(", ", subscription.Topics));
            try
            {
                Loop(consumer, stop);
            }
            finally
            {
                // Leaving the group now lets another replica take the partitions without waiting for a session timeout.
                consumer.Close();
            }

            heartbeat.Stopped(null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            heartbeat.Stopped(null);
        }
        catch (Exception ex)
        {
            LogCrashed(logger, ex);
            heartbeat.Stopped(ex.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private IConsumer<byte[]?, byte[]?> Build()
    {
        var clientId = $"{_options.ServiceName}-{Environment.MachineName}";
        return new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Consumer(kafkaOptions.Value, _options.ConsumerGroup, clientId))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler((consumer, partitions) => Forget(consumer, partitions.Select(p => p.TopicPartition).ToList()))
            .SetPartitionsLostHandler((consumer, partitions) => Forget(consumer, partitions.Select(p => p.TopicPartition).ToList()))
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    throw new KafkaException(error);
                }

                LogKafkaError(logger, error.Reason);
            })
            .Build();
    }

    private void Loop(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            heartbeat.Beat();
            ResumeDueParks(consumer);
            CheckForReplays(consumer);
            var batch = Collect(consumer);
            if (batch.Count > 0)
            {
                Process(consumer, batch, stop);
            }
        }
    }

    private List<ConsumeResult<byte[]?, byte[]?>> Collect(IConsumer<byte[]?, byte[]?> consumer)
    {
        _pending.Clear();
        var next = ConsumeOne(consumer, PollTimeout);
        while (next is not null)
        {
            // A rebalance callback inside Consume may have dropped records of revoked partitions from _pending.
            _pending.Add(next);
            if (_pending.Count >= _options.MaxBatchSize)
            {
                break;
            }

            next = ConsumeOne(consumer, TimeSpan.Zero);
        }

        return _pending.Where(r => !_parked.ContainsKey(r.TopicPartition)).ToList();
    }

    private ConsumeResult<byte[]?, byte[]?>? ConsumeOne(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            LogKafkaError(logger, ex.Error.Reason);
            return null;
        }
    }

    private void Process(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch, CancellationToken stop)
    {
        ApplyResult result;
        try
        {
            result = applier.ApplyAsync(batch, _generations, stop).GetAwaiter().GetResult();
        }
        catch (PoisonMessageException ex)
        {
            LogBatchHasPoison(logger, batch.Count, ex.Message);
            ApplyOneByOne(consumer, batch, stop);
            return;
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            LogBatchFailed(logger, batch.Count, ex);
            ApplyOneByOne(consumer, batch, stop);
            return;
        }

        if (result.Parked is not null)
        {
            ApplyOneByOne(consumer, batch, stop);
            return;
        }

        Completed(consumer, result);
    }

    /// <summary>Applies records one transaction each, so a park, a failure or a poison record affects only itself.</summary>
    private void ApplyOneByOne(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch, CancellationToken stop)
    {
        var halted = new HashSet<TopicPartition>();
        foreach (var record in batch)
        {
            if (!halted.Contains(record.TopicPartition) && !_parked.ContainsKey(record.TopicPartition) && !ApplyOne(consumer, record, stop))
            {
                halted.Add(record.TopicPartition);
            }
        }
    }

    /// <returns>false when the partition must not go on within this batch (parked or rewound).</returns>
    private bool ApplyOne(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> record, CancellationToken stop)
    {
        var failures = 0;
        var backoff = _options.RetryBackoff;
        string? deadLetterReason = null;
        while (true)
        {
            stop.ThrowIfCancellationRequested();
            heartbeat.Beat();
            try
            {
                if (deadLetterReason is not null)
                {
                    var deadLettered = applier.DeadLetterAsync(record, deadLetterReason, _generations, stop).GetAwaiter().GetResult();
                    if (deadLettered.DeadLettered > 0)
                    {
                        LogDeadLettered(logger, record.Topic, record.Partition.Value, record.Offset.Value, deadLetterReason);
                    }

                    Completed(consumer, deadLettered);
                    return deadLettered.Rewinds.Count == 0;
                }

                var result = applier.ApplyAsync([record], _generations, stop).GetAwaiter().GetResult();
                if (result.Parked is { } parked)
                {
                    Park(consumer, parked);
                    return false;
                }

                Completed(consumer, result);
                return result.Rewinds.Count == 0;
            }
            catch (PoisonMessageException ex)
            {
                deadLetterReason = ex.Message;
                continue;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && transientFailures.IsTransient(ex))
            {
                LogTransientFailure(logger, record.Topic, record.Partition.Value, record.Offset.Value, backoff, ex);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && deadLetterReason is null)
            {
                failures++;
                LogHandlerFailure(logger, record.Topic, record.Partition.Value, record.Offset.Value, failures, ex);
                if (failures >= _options.HandlerAttempts)
                {
                    deadLetterReason = $"handler failed {failures} times: {ex.GetType().Name}: {ex.Message}";
                    continue;
                }
            }

            stop.WaitHandle.WaitOne(backoff);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryBackoff.Ticks));
        }
    }

    private void Completed(IConsumer<byte[]?, byte[]?> consumer, ApplyResult result)
    {
        Rewind(consumer, result.Rewinds);
        foreach (var (tp, next) in result.NextOffsets)
        {
            StoreOffset(consumer, tp, next);
        }

        Notify(o => o.Committed(result.Applied));
        if (result.DeadLettered > 0)
        {
            Notify(o => o.DeadLettered(result.DeadLettered));
        }

        // Progress here may be what a parked record waits for: look at it again soon.
        var soon = time.GetUtcNow() + WakeDelay;
        foreach (var tp in _parked.Keys.ToList())
        {
            var (offset, due) = _parked[tp];
            if (due > soon)
            {
                _parked[tp] = (offset, soon);
            }
        }
    }

    /// <summary>Follows an operator's replay: the stored position of a partition moved under a new generation.</summary>
    private void Rewind(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<StoredPosition> rewinds)
    {
        foreach (var rewind in rewinds)
        {
            var tp = new TopicPartition(rewind.Topic, rewind.Partition);
            _generations[tp] = rewind.Generation;
            if (_parked.Remove(tp))
            {
                consumer.Resume([tp]);
            }

            LogRewound(logger, rewind.Topic, rewind.Partition, rewind.NextOffset, rewind.Generation);
            consumer.Seek(new TopicPartitionOffset(tp, rewind.NextOffset));
        }
    }

    /// <summary>
    /// A replay is noticed by the next batch of a rewound partition; this periodic look covers partitions that receive
    /// nothing new (a caught-up service would otherwise never re-consume what the operator rewound).
    /// </summary>
    private void CheckForReplays(IConsumer<byte[]?, byte[]?> consumer)
    {
        var now = time.GetUtcNow();
        if (now < _nextReplayCheck || _generations.Count == 0)
        {
            return;
        }

        _nextReplayCheck = now + ReplayCheckInterval;
        IReadOnlyList<StoredPosition> stored;
        try
        {
            using var connection = dataSource.OpenConnection();
            stored = tables.ReadPositionsAsync(connection, _options.ConsumerGroup, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (transientFailures.IsTransient(ex))
        {
            LogTransientFailure(logger, "(replay check)", -1, -1, ReplayCheckInterval, ex);
            return;
        }

        Rewind(consumer, stored
            .Where(p => _generations.TryGetValue(new TopicPartition(p.Topic, p.Partition), out var known) && known != p.Generation)
            .ToList());
    }

    private void Notify(Action<IMessagingObserver> notification)
    {
        foreach (var observer in _observers)
        {
            notification(observer);
        }
    }

    private void Park(IConsumer<byte[]?, byte[]?> consumer, ParkedRecord parked)
    {
        LogParked(logger, parked.Partition.Topic, parked.Partition.Partition.Value, parked.Offset, parked.Reason);
        Notify(o => o.Parked());
        consumer.Pause([parked.Partition]);
        _parked[parked.Partition] = (parked.Offset, time.GetUtcNow() + _options.ParkRecheckInterval);
    }

    private void ResumeDueParks(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_parked.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (tp, (offset, due)) in _parked.Where(p => p.Value.Due <= now).ToList())
        {
            _parked.Remove(tp);
            consumer.Resume([tp]);
            consumer.Seek(new TopicPartitionOffset(tp, offset));
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        var stored = ReadPositionsWithRetry().ToDictionary(p => new TopicPartition(p.Topic, p.Partition));
        Notify(o => o.PartitionsAssigned(partitions.Count));

        return partitions.Select(tp =>
        {
            var position = stored.GetValueOrDefault(tp);
            _generations[tp] = position?.Generation ?? 0;
            LogAssigned(logger, tp.Topic, tp.Partition.Value, position?.NextOffset ?? 0);
            return new TopicPartitionOffset(tp, position is null ? Offset.Beginning : new Offset(position.NextOffset));
        }).ToList();
    }

    private IReadOnlyList<StoredPosition> ReadPositionsWithRetry()
    {
        var backoff = _options.RetryBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = dataSource.OpenConnection();
                return tables.ReadPositionsAsync(connection, _options.ConsumerGroup, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (transientFailures.IsTransient(ex) && attempt < 8)
            {
                LogTransientFailure(logger, "(assignment)", -1, -1, backoff, ex);
                Thread.Sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private void Forget(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            _generations.Remove(tp);
            // librdkafka keeps a partition's pause across revocation: were it not resumed now, the same partition
            // assigned back to this consumer would stay paused with nothing left here to resume it.
            if (_parked.Remove(tp))
            {
                consumer.Resume([tp]);
            }
        }

        _pending.RemoveAll(r => partitions.Contains(r.TopicPartition));
        Notify(o => o.PartitionsRevoked(partitions.Count));
    }

    private static void StoreOffset(IConsumer<byte[]?, byte[]?> consumer, TopicPartition tp, long next)
    {
        try
        {
            consumer.StoreOffset(new TopicPartitionOffset(tp, next));
        }
        catch (KafkaException)
        {
            // The partition was revoked meanwhile (Local_State); Postgres holds the position that matters.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer group {Group} subscribed to {Topics}")]
    private static partial void LogStarted(ILogger logger, string group, string topics);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Consume loop stopped on an unrecoverable error; the service stops")]
    private static partial void LogCrashed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} records holds a poison record ({Reason}); applying them one by one")]
    private static partial void LogBatchHasPoison(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} records failed; applying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient failure at {Topic}[{Partition}]@{Offset}; retrying in {Backoff}")]
    private static partial void LogTransientFailure(ILogger logger, string topic, int partition, long offset, TimeSpan backoff, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler failed at {Topic}[{Partition}]@{Offset} (attempt {Attempt})")]
    private static partial void LogHandlerFailure(ILogger logger, string topic, int partition, long offset, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettered {Topic}[{Partition}]@{Offset}: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Parked {Topic}[{Partition}] at {Offset}: {Reason}")]
    private static partial void LogParked(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay detected on {Topic}[{Partition}]: seeking to {Offset} (generation {Generation})")]
    private static partial void LogRewound(ILogger logger, string topic, int partition, long offset, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assigned {Topic}[{Partition}] from stored offset {Offset}")]
    private static partial void LogAssigned(ILogger logger, string topic, int partition, long offset);
}
