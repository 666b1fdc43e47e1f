using Confluent.Kafka;
using Processor.Messaging.Kafka;

namespace Processor.Messaging.Tests;

public sealed class KafkaClientConfigsTests
{
    [Fact]
    public void ConfiguredProducerProperties_CannotTurnIdempotenceOff()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "127.0.0.1:29092",
            Producer = { ["enable.idempotence"] = "false", ["acks"] = "1", ["compression.type"] = "lz4" },
        };

        var config = KafkaClientConfigs.Producer(options, "test");

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(CompressionType.Lz4, config.CompressionType);
    }

    [Fact]
    public void ConfiguredConsumerProperties_CannotMoveOffsetsOutOfPostgres()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "127.0.0.1:29092",
            Consumer = { ["enable.auto.offset.store"] = "true", ["auto.offset.reset"] = "latest", ["fetch.min.bytes"] = "10" },
        };

        var config = KafkaClientConfigs.Consumer(options, "processor.scanner", "scanner-host");

        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal(IsolationLevel.ReadCommitted, config.IsolationLevel);
        Assert.Equal("processor.scanner", config.GroupId);
        Assert.Equal(10, config.FetchMinBytes);
    }
}
