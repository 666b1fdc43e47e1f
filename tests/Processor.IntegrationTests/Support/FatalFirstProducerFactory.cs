using Confluent.Kafka;
using Processor.Messaging.Outbox;

namespace Processor.IntegrationTests.Support;

/// <summary>
/// Builds the relay's producers: the first one is in librdkafka's fatal state (it reports the fatal error and fails
/// every send, as a producer that raised one does), every later one is the real client. The embedded broker cannot
/// make an idempotent producer fatal on its own (librdkafka recovers sequence errors by bumping the epoch), and
/// injecting errors into the shared mock cluster would hit every other test's clients.
/// </summary>
public sealed class FatalFirstProducerFactory
{
    private int _built;

    public int Built => _built;

    public IProducer<byte[]?, byte[]> Build(ProducerConfig config, Action<Error> onError) =>
        Interlocked.Increment(ref _built) == 1 ? new FatalProducer(onError) : RelayProducer.Kafka(config, onError);

    private sealed class FatalProducer(Action<Error> onError) : IProducer<byte[]?, byte[]>
    {
        private static readonly Error Fatal = new(ErrorCode.OutOfOrderSequenceNumber, "injected: idempotent producer is fatally out of sequence", isFatal: true);

        public Handle Handle => throw new NotSupportedException();

        public string Name => "fatal-producer";

        public void Produce(string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>>? deliveryHandler = null) =>
            Produce(new TopicPartition(topic, Partition.Any), message, deliveryHandler);

        public void Produce(TopicPartition topicPartition, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>>? deliveryHandler = null)
        {
            onError(Fatal);
            deliveryHandler?.Invoke(new DeliveryReport<byte[]?, byte[]>
            {
                Error = new Error(ErrorCode.Local_Fatal, Fatal.Reason, isFatal: true),
                Status = PersistenceStatus.NotPersisted,
                Message = message,
                TopicPartitionOffset = new TopicPartitionOffset(topicPartition, Offset.Unset),
            });
        }

        public Task<DeliveryResult<byte[]?, byte[]>> ProduceAsync(string topic, Message<byte[]?, byte[]> message, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<DeliveryResult<byte[]?, byte[]>> ProduceAsync(TopicPartition topicPartition, Message<byte[]?, byte[]> message, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public int Poll(TimeSpan timeout) => 0;

        public int Flush(TimeSpan timeout) => 0;

        public void Flush(CancellationToken cancellationToken = default)
        {
        }

        public int AddBrokers(string brokers) => throw new NotSupportedException();

        public void SetSaslCredentials(string username, string password) => throw new NotSupportedException();

        public void InitTransactions(TimeSpan timeout) => throw new NotSupportedException();

        public void BeginTransaction() => throw new NotSupportedException();

        public void CommitTransaction(TimeSpan timeout) => throw new NotSupportedException();

        public void CommitTransaction() => throw new NotSupportedException();

        public void AbortTransaction(TimeSpan timeout) => throw new NotSupportedException();

        public void AbortTransaction() => throw new NotSupportedException();

        public void SendOffsetsToTransaction(IEnumerable<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata, TimeSpan timeout) =>
            throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
