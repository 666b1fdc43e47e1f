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
/// Follows a single-partition topic from its beginning on a thread of its own and keeps every record, so a test can wait for
/// a record the moment it is published (e.g. to SIGKILL a signer right after its preprocess left).
/// </summary>
public sealed class TopicWatch : IDisposable
{
    private readonly List<TopicRecord> _records = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Exception? _failure;

    private TopicWatch(string topic)
    {
        Topic = topic;
        _thread = new Thread(() => Follow(_stop.Token)) { IsBackground = true, Name = "watch " + topic };
        _thread.Start();
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

    public static TopicWatch Start(string topic) => new(topic);

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

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(10));
        _stop.Dispose();
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
            consumer.Assign(new TopicPartitionOffset(Topic, 0, Offset.Beginning));
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
                lock (_lock)
                {
                    _records.Add(new TopicRecord(record.Offset.Value, id is null ? Guid.Empty : Guid.Parse(id), type ?? "", record.Message.Value, DateTimeOffset.UtcNow));
                }
            }
        }
        catch (Exception ex) when (ex is KafkaException or InvalidOperationException)
        {
            lock (_lock)
            {
                _failure = ex;
            }
        }
    }
}
