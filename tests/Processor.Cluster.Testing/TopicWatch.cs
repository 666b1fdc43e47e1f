using System.Globalization;
using Confluent.Kafka;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Processor.Contracts;
using Processor.Messaging.Envelopes;
using Processor.Testing;

namespace Processor.Cluster.Testing;

/// <summary>One record of a topic as a consumer sees it: its event id and type headers, its value, and when the watch received it.</summary>
public sealed record TopicRecord(long Offset, Guid EventId, string EventType, byte[] Value, DateTimeOffset Received)
{
    /// <summary>Whether the record holds a message of <paramref name="descriptor"/>'s type.</summary>
    public bool Is(MessageDescriptor descriptor) => EventType == descriptor.FullName;
}

/// <summary>
/// Every record of one single-partition topic from its beginning, as a <see cref="TopicWatches"/> follows it, so a test can
/// wait for a record the moment it is published (e.g. to SIGKILL a signer right after its preprocess left).
/// </summary>
public sealed class TopicWatch : IDisposable
{
    private readonly List<TopicRecord> _records = [];
    private readonly Lock _lock = new();
    private readonly TopicWatches? _ownFollower;
    private Exception? _failure;

    internal TopicWatch(string topic, TopicWatches? ownFollower)
    {
        Topic = topic;
        _ownFollower = ownFollower;
    }

    public string Topic { get; }

    /// <summary>Every record seen so far, in offset order.</summary>
    public IReadOnlyList<TopicRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return _failure is null ? [.. _records] : throw new InvalidOperationException($"Following {Topic} failed.", _failure);
            }
        }
    }

    /// <summary>Follows <paramref name="topic"/> alone (its own consumer, stopped when the watch is disposed).</summary>
    public static TopicWatch Start(string topic) => TopicWatches.Start([topic], ownedByWatch: true)[topic];

    /// <summary>The messages of type <typeparamref name="T"/> seen so far, in offset order.</summary>
    public IReadOnlyList<T> All<T>()
        where T : IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        return [.. Records.Where(r => r.Is(descriptor)).Select(r => (T)descriptor.Parser.ParseFrom(r.Value))];
    }

    /// <summary>The messages of type <typeparamref name="T"/> seen so far with the record each came in, in offset order.</summary>
    public IReadOnlyList<(T Message, TopicRecord Record)> AllWithRecords<T>()
        where T : IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        return [.. Records.Where(r => r.Is(descriptor)).Select(r => ((T)descriptor.Parser.ParseFrom(r.Value), r))];
    }

    /// <summary>Waits (bounded) for the first message of type <typeparamref name="T"/> matching <paramref name="match"/>.</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<T, bool> match, TimeSpan limit, CancellationToken cancellationToken, Func<string>? diagnostics = null)
        where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(match);
        T? found = default;
        await BoundedWait.UntilAsync(
            $"{what} on {Topic}",
            _ =>
            {
                var all = All<T>();
                found = all.FirstOrDefault(match);
                return Task.FromResult(found is null
                    ? Probe.NotYet(string.Create(CultureInfo.InvariantCulture, $"{all.Count} {new T().Descriptor.Name} record(s), none matching; {Records.Count} records in all"))
                    : Probe.Met("found"));
            },
            limit,
            cancellationToken,
            diagnostics);
        return found!;
    }

    /// <summary>Stops the consumer if this watch has its own (<see cref="Start"/>); a shared one stops with its <see cref="TopicWatches"/>.</summary>
    public void Dispose() => _ownFollower?.Dispose();

    internal void Add(TopicRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
        }
    }

    internal void Fail(Exception failure)
    {
        lock (_lock)
        {
            _failure = failure;
        }
    }
}

/// <summary>
/// Follows several single-partition topics from their beginning with one consumer on a thread of its own. One client for
/// all of a cluster's watched topics, not one each: sixty idle consumers polling the embedded broker every 10 ms cost the
/// benchmarks more CPU than the signers they measured.
/// </summary>
public sealed class TopicWatches : IDisposable
{
    private readonly Dictionary<string, TopicWatch> _watches;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private int _disposed;

    private TopicWatches(IReadOnlyList<string> topics, bool ownedByWatch)
    {
        _watches = topics.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => new TopicWatch(t, ownedByWatch ? this : null), StringComparer.Ordinal);
        _thread = new Thread(() => Follow(_stop.Token)) { IsBackground = true, Name = "watch " + topics[0] };
        _thread.Start();
    }

    /// <summary>The watch of <paramref name="topic"/>, one of the topics this follows.</summary>
    public TopicWatch this[string topic] => _watches[topic];

    public static TopicWatches Start(IEnumerable<string> topics) => Start(topics, ownedByWatch: false);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    internal static TopicWatches Start(IEnumerable<string> topics, bool ownedByWatch)
    {
        var list = topics.ToList();
        return list.Count > 0 ? new TopicWatches(list, ownedByWatch) : throw new ArgumentException("Nothing to watch.", nameof(topics));
    }

    private void Follow(CancellationToken stop)
    {
        try
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
            {
                BootstrapServers = KafkaBroker.BootstrapServers,
                GroupId = "watch-" + Guid.NewGuid().ToString("N"),
                EnableAutoCommit = false,
                FetchWaitMaxMs = 10,
            }).Build();
            consumer.Assign(_watches.Keys.Select(topic => new TopicPartitionOffset(topic, 0, Offset.Beginning)));
            while (!stop.IsCancellationRequested)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record?.Message is null)
                {
                    continue;
                }

                var headers = record.Message.Headers;
                var id = headers is not null && headers.TryGetLastBytes(MessageHeaders.EventId, out var idBytes) ? HeaderText.TryDecode(idBytes) : null;
                var type = headers is not null && headers.TryGetLastBytes(MessageHeaders.EventType, out var typeBytes) ? HeaderText.TryDecode(typeBytes) : null;
                _watches[record.Topic].Add(new TopicRecord(
                    record.Offset.Value, id is null ? Guid.Empty : Guid.Parse(id), type ?? "", record.Message.Value, DateTimeOffset.UtcNow));
            }
        }
        catch (Exception ex) when (ex is KafkaException or InvalidOperationException)
        {
            foreach (var watch in _watches.Values)
            {
                watch.Fail(ex);
            }
        }
    }
}
