using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Processor.Embedded.Kafka;

/// <summary>Kafka protocol requests whose failures a test can inject (<see cref="EmbeddedKafkaCluster.PushRequestErrors"/>).</summary>
public enum KafkaApi : short
{
    Produce = 0,
}

/// <summary>A topic as the embedded broker reports it.</summary>
public sealed record EmbeddedTopic(string Name, int Partitions);

/// <summary>
/// librdkafka's in-memory mock cluster, reachable on fixed (or free) loopback ports through a TCP forwarder.
/// </summary>
/// <remarks>
/// <para>
/// It speaks the real Kafka protocol to real clients, but it is volatile (everything is lost on <see cref="Dispose"/>), keeps at
/// most ~5 MiB per partition (older batches are dropped without error), is not faithful for transactions, and has no admin API:
/// topics are created with <see cref="CreateTopic"/> (or auto-created with 4 partitions by a producer).
/// See <c>shared/reference/kafka-embedded-broker.md</c>.
/// </para>
/// <para>
/// The mock binds random ports. Each broker <c>i</c> gets a <see cref="TcpForwarder"/> on <c>127.0.0.1:BasePort+i-1</c> and the mock
/// advertises that port (<c>rd_kafka_mock_broker_set_host_port</c>), so clients only ever see the fixed ports.
/// The controller is set to broker 1, without which admin calls hang for their whole timeout.
/// </para>
/// </remarks>
public sealed partial class EmbeddedKafkaCluster : IDisposable
{
    private const int ErrorNone = 0;
    private const int ErrorUnknownTopicOrPartition = 3;
    private const int ErrorTopicAlreadyExists = 36;
    private const int ErrorBufferSize = 512;

    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, int> _createdTopics = new(StringComparer.Ordinal);
    private readonly List<TcpForwarder> _forwarders;
    private IntPtr _rk;
    private IntPtr _mockCluster;
    private bool _disposed;

    private EmbeddedKafkaCluster(IntPtr rk, IntPtr mockCluster, List<TcpForwarder> forwarders, string mockBootstrapServers)
    {
        _rk = rk;
        _mockCluster = mockCluster;
        _forwarders = forwarders;
        MockBootstrapServers = mockBootstrapServers;
        Ports = forwarders.Select(f => f.ListenPort).ToArray();
        BootstrapServers = string.Join(',', Ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{p}")));
        ReplicationFactor = Math.Min(3, forwarders.Count);
    }

    /// <summary>"127.0.0.1:p1,127.0.0.1:p2,...": the forwarded ports, which are also the addresses the brokers advertise.</summary>
    public string BootstrapServers { get; }

    /// <summary>The loopback port of each broker, in broker-id order (broker 1 first).</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>Number of brokers.</summary>
    public int BrokerCount => Ports.Count;

    /// <summary>The mock's own random ports (diagnostics only: the brokers advertise <see cref="BootstrapServers"/>).</summary>
    public string MockBootstrapServers { get; }

    /// <summary>How long <see cref="Start"/> took until the brokers answered Metadata through the forwarders.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Replication factor of topics created through <see cref="CreateTopic"/>: min(3, brokers).</summary>
    public int ReplicationFactor { get; }

    /// <summary>Topics created through <see cref="CreateTopic"/> on this host (name → requested partitions).</summary>
    public IReadOnlyDictionary<string, int> CreatedTopics => new Dictionary<string, int>(_createdTopics, StringComparer.Ordinal);

    /// <summary>
    /// Starts the mock cluster and its forwarders and returns once the brokers answer Metadata on the advertised ports.
    /// </summary>
    /// <exception cref="InvalidOperationException">A port is in use, or the mock did not come up.</exception>
    /// <exception cref="DllNotFoundException">The native librdkafka could not be loaded.</exception>
    public static EmbeddedKafkaCluster Start(EmbeddedKafkaOptions? options = null)
    {
        options ??= new EmbeddedKafkaOptions();
        if (options.BrokerCount is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BrokerCount, "BrokerCount must be between 1 and 32.");
        }

        if (options.BasePort is < 0 or > 65535 || (options.BasePort > 0 && options.BasePort + options.BrokerCount - 1 > 65535))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BasePort, "BasePort must be 0 (free ports) or a port such that all brokers fit below 65536.");
        }

        var stopwatch = Stopwatch.StartNew();
        LibrdkafkaNative.EnsureLoaded();

        var rk = CreateAnchorHandle();
        var mockCluster = LibrdkafkaNative.rd_kafka_mock_cluster_new(rk, options.BrokerCount);
        if (mockCluster == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_destroy(rk);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed (see librdkafka's log on stderr).");
        }

        var forwarders = new List<TcpForwarder>();
        try
        {
            _ = LibrdkafkaNative.rd_kafka_mock_set_controller_id(mockCluster, 1);
            LibrdkafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(
                mockCluster, (int)Math.Clamp(options.InitialRebalanceDelay.TotalMilliseconds, 0, int.MaxValue));

            var mockBootstraps = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_mock_cluster_bootstraps(mockCluster)) ?? "";
            var deadline = DateTime.UtcNow + options.StartTimeout;

            // Broker id → the mock's random port, as the mock itself reports it (no assumption on the order of its bootstrap list).
            var mockPorts = KafkaMetadataProbe.Query(FirstPort(mockBootstraps), Remaining(deadline)).Brokers
                .ToDictionary(b => b.Id, b => b.Port);
            for (var id = 1; id <= options.BrokerCount; id++)
            {
                if (!mockPorts.TryGetValue(id, out var mockPort))
                {
                    throw new InvalidOperationException($"The mock cluster did not report broker {id} (bootstraps: {mockBootstraps}).");
                }

                var forwarder = TcpForwarder.Start(options.BasePort == 0 ? 0 : options.BasePort + id - 1, mockPort);
                forwarders.Add(forwarder);
                _ = LibrdkafkaNative.rd_kafka_mock_broker_set_host_port(mockCluster, id, "127.0.0.1", forwarder.ListenPort);
            }

            var cluster = new EmbeddedKafkaCluster(rk, mockCluster, forwarders, mockBootstraps);

            // Ready = every forwarder relays, and Metadata advertises exactly the forwarded ports.
            var expected = string.Join(',', Enumerable.Range(1, options.BrokerCount).Select(id => $"{id}@127.0.0.1:{cluster.Ports[id - 1]}"));
            foreach (var port in cluster.Ports)
            {
                var advertised = string.Join(',', KafkaMetadataProbe.Query(port, Remaining(deadline)).Brokers
                    .OrderBy(b => b.Id)
                    .Select(b => $"{b.Id}@{b.Host}:{b.Port}"));
                if (advertised != expected)
                {
                    throw new InvalidOperationException(
                        $"Through 127.0.0.1:{port} the embedded broker advertises {advertised} instead of {expected}.");
                }
            }

            cluster.StartupTime = stopwatch.Elapsed;
            return cluster;
        }
        catch
        {
            foreach (var forwarder in forwarders)
            {
                forwarder.Dispose();
            }

            LibrdkafkaNative.rd_kafka_mock_cluster_destroy(mockCluster);
            LibrdkafkaNative.rd_kafka_destroy(rk);
            throw;
        }
    }

    /// <summary>
    /// Creates a topic with <paramref name="partitions"/> partitions. Idempotent: an existing topic (created here, by another
    /// host call, or auto-created by a producer) is left as it is.
    /// </summary>
    /// <returns>True when the topic was created by this call, false when it already existed.</returns>
    public bool CreateTopic(string name, int partitions)
    {
        ValidateTopicName(name);
        if (partitions is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "Partitions must be between 1 and 10000.");
        }

        int error;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            error = LibrdkafkaNative.rd_kafka_mock_topic_create(_mockCluster, name, partitions, ReplicationFactor);
        }

        switch (error)
        {
            case ErrorNone:
                _createdTopics[name] = partitions;
                return true;
            case ErrorTopicAlreadyExists:
                return false;
            default:
                throw new InvalidOperationException(
                    $"Creating topic '{name}' ({partitions} partitions) on the embedded broker failed: {LibrdkafkaNative.ErrorText(error)} ({error}).");
        }
    }

    /// <summary>Deletes a topic and its data. Idempotent: an unknown topic is ignored.</summary>
    /// <returns>True when the topic existed.</returns>
    public bool DeleteTopic(string name)
    {
        ValidateTopicName(name);
        int error;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            error = LibrdkafkaNative.rd_kafka_mock_topic_delete(_mockCluster, name);
        }

        _createdTopics.TryRemove(name, out _);
        return error switch
        {
            ErrorNone => true,
            ErrorUnknownTopicOrPartition => false,
            _ => throw new InvalidOperationException(
                $"Deleting topic '{name}' on the embedded broker failed: {LibrdkafkaNative.ErrorText(error)} ({error})."),
        };
    }

    /// <summary>Every topic the brokers know (created here or auto-created), from a Metadata request through broker 1's forwarder.</summary>
    public IReadOnlyList<EmbeddedTopic> ListTopics(TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return KafkaMetadataProbe.Query(Ports[0], timeout ?? TimeSpan.FromSeconds(10)).Topics
            .Where(t => t.ErrorCode == 0)
            .Select(t => new EmbeddedTopic(t.Name, t.Partitions))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Takes a broker down, as an outage would: its connections close and new ones are refused until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) => CheckBrokerCall(brokerId, "down", LibrdkafkaNative.rd_kafka_mock_broker_set_down);

    /// <summary>Brings a broker taken down by <see cref="SetBrokerDown"/> back.</summary>
    public void SetBrokerUp(int brokerId) => CheckBrokerCall(brokerId, "up", LibrdkafkaNative.rd_kafka_mock_broker_set_up);

    /// <summary>
    /// Makes the next requests of <paramref name="api"/>, to any broker, fail with <paramref name="errors"/>, one error per
    /// request, in order; later requests succeed again.
    /// </summary>
    public void PushRequestErrors(KafkaApi api, IReadOnlyList<Confluent.Kafka.ErrorCode> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        var codes = errors.Select(e => (int)e).ToArray();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            LibrdkafkaNative.rd_kafka_mock_push_request_errors_array(_mockCluster, (short)api, (UIntPtr)codes.Length, codes);
        }
    }

    /// <summary>Closes the forwarders (and every connection through them), then destroys the mock cluster and its librdkafka handle.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        foreach (var forwarder in _forwarders)
        {
            forwarder.Dispose();
        }

        LibrdkafkaNative.rd_kafka_mock_cluster_destroy(_mockCluster);
        LibrdkafkaNative.rd_kafka_destroy(_rk);
        _mockCluster = IntPtr.Zero;
        _rk = IntPtr.Zero;
    }

    private void CheckBrokerCall(int brokerId, string state, Func<IntPtr, int, int> call)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, BrokerCount);
        int error;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            error = call(_mockCluster, brokerId);
        }

        if (error != ErrorNone)
        {
            throw new InvalidOperationException(
                $"Setting broker {brokerId} {state} failed: {LibrdkafkaNative.ErrorText(error)} ({error}).");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a legal Kafka topic name.</summary>
    public static void ValidateTopicName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 249 || name is "." or ".." || !TopicNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a legal Kafka topic name (1-249 characters of [a-zA-Z0-9._-], not '.' or '..').", nameof(name));
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex TopicNamePattern();

    // An rd_kafka_t without bootstrap.servers: it only anchors the mock cluster. log_level 3 hides its one harmless CONFWARN.
    private static IntPtr CreateAnchorHandle()
    {
        var errors = new byte[ErrorBufferSize];
        var conf = LibrdkafkaNative.rd_kafka_conf_new();
        foreach (var (key, value) in new[] { ("client.id", "processor-embedded-kafka"), ("log_level", "3") })
        {
            if (LibrdkafkaNative.rd_kafka_conf_set(conf, key, value, errors, (UIntPtr)errors.Length) != 0)
            {
                LibrdkafkaNative.rd_kafka_conf_destroy(conf);
                throw new InvalidOperationException($"rd_kafka_conf_set({key}) failed: {ErrorString(errors)}");
            }
        }

        var rk = LibrdkafkaNative.rd_kafka_new(0, conf, errors, (UIntPtr)errors.Length);
        if (rk == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {ErrorString(errors)}");
        }

        return rk;
    }

    private static string ErrorString(byte[] buffer)
    {
        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var remaining = deadline - DateTime.UtcNow;
        return remaining > TimeSpan.FromMilliseconds(100) ? remaining : TimeSpan.FromMilliseconds(100);
    }

    private static int FirstPort(string bootstraps)
    {
        var first = bootstraps.Split(',', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return int.TryParse(first[(first.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new InvalidOperationException($"Unexpected mock bootstrap list '{bootstraps}'.");
    }
}
