using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Processor.Messaging.Outbox;

/// <summary>Builds the relay's producer; <paramref name="onError"/> receives the client's errors, fatal ones included.</summary>
public delegate IProducer<byte[]?, byte[]> RelayProducerFactory(ProducerConfig config, Action<Error> onError);

/// <summary>
/// The relay's idempotent producer, replaced after a fatal error: librdkafka never recovers a producer that raised one
/// (every later send fails), so it is disposed and a new one built. The relay then re-sends from its stored position with
/// the same event ids, and downstream inboxes drop whatever the old producer had delivered already.
/// </summary>
public sealed partial class RelayProducer(RelayProducerFactory factory, ProducerConfig config, ILogger logger) : IDisposable
{
    /// <summary>The real client: librdkafka's producer.</summary>
    public static readonly RelayProducerFactory Kafka = (config, onError) =>
        new ProducerBuilder<byte[]?, byte[]>(config).SetErrorHandler((_, error) => onError(error)).Build();

    private IProducer<byte[]?, byte[]>? _producer;
    private volatile bool _fatal;

    public IProducer<byte[]?, byte[]> Current => _producer ??= factory(config, OnError);

    /// <summary>Replaces the producer if <paramref name="failure"/> (or an error the client raised meanwhile) was fatal.</summary>
    public void ReplaceIfFatal(Error failure)
    {
        if (!_fatal && !failure.IsFatal && failure.Code != ErrorCode.Local_Fatal)
        {
            return;
        }

        LogReplacing(logger, failure.Code, failure.Reason);
        _producer?.Dispose();
        _producer = null;
        _fatal = false;
    }

    public void Flush(TimeSpan timeout) => _producer?.Flush(timeout);

    public void Dispose() => _producer?.Dispose();

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            _fatal = true;
        }

        LogKafkaError(logger, error.Reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka producer hit a fatal error ({Code}: {Reason}); building a new one")]
    private static partial void LogReplacing(ILogger logger, ErrorCode code, string reason);
}
