namespace Processor.Embedded.Kafka;

/// <summary>Settings of an <see cref="EmbeddedKafkaCluster"/>.</summary>
public sealed class EmbeddedKafkaOptions
{
    /// <summary>The well-known port of broker 1 in the local embedded mode (brokers 2..N use the following ports).</summary>
    public const int DefaultBasePort = 29092;

    /// <summary>
    /// Broker <c>i</c> (1-based) is reachable on <c>127.0.0.1:BasePort + i - 1</c>. <c>0</c> picks free ports, which is what tests
    /// running several clusters side by side need. Default <see cref="DefaultBasePort"/>.
    /// </summary>
    public int BasePort { get; set; } = DefaultBasePort;

    /// <summary>Number of mock brokers (ids 1..N). Default 3: partition leaders spread over several brokers, as on a real cluster.</summary>
    public int BrokerCount { get; set; } = 3;

    /// <summary>How long a new classic consumer group waits for more members before its first rebalance (the mock's default is 3 s).</summary>
    public TimeSpan InitialRebalanceDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Bound on the start-up checks (metadata through the mock's own ports and through the forwarders).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
