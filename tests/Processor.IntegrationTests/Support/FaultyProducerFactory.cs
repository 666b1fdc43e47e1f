using Confluent.Kafka;
using Processor.Messaging.Outbox;

namespace Processor.IntegrationTests.Support;

/// <summary>
/// Builds the relay's producers as real clients that fail a send when <c>faultOf(n)</c> (n = 1 for the first producer
/// built) names an error: the send is then reported with that error, and a fatal one is also raised on the client's
/// error callback, as librdkafka does. The embedded broker cannot make an idempotent producer fatal on its own
/// (librdkafka recovers sequence errors by bumping the epoch), and injecting request errors into the shared mock cluster
/// would hit every other test's clients.
/// </summary>
public sealed class FaultyProducerFactory(Func<int, Error?> faultOf)
{
    private int _built;

    public int Built => Volatile.Read(ref _built);

    public IProducer<byte[]?, byte[]> Build(ProducerConfig config, Action<Error> onError)
    {
        var number = Interlocked.Increment(ref _built);
        return new FaultyProducer(RelayProducer.Kafka(config, onError), () => faultOf(number), onError);
    }

    private sealed class FaultyProducer(IProducer<byte[]?, byte[]> inner, Func<Error?> fault, Action<Error> onError) : IProducer<byte[]?, byte[]>
    {
        public Handle Handle => inner.Handle;

        public string Name => inner.Name;

        public void Produce(string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>>? deliveryHandler = null) =>
            Produce(new TopicPartition(topic, Partition.Any), message, deliveryHandler);

        public void Produce(TopicPartition topicPartition, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>>? deliveryHandler = null)
        {
            if (fault() is not { } error)
            {
                inner.Produce(topicPartition, message, deliveryHandler);
                return;
            }

            if (error.IsFatal)
            {
                onError(error);
            }

            deliveryHandler?.Invoke(new DeliveryReport<byte[]?, byte[]>
            {
                Error = error,
                Status = PersistenceStatus.NotPersisted,
                Message = message,
                TopicPartitionOffset = new TopicPartitionOffset(topicPartition, Offset.Unset),
            });
        }

        public Task<DeliveryResult<byte[]?, byte[]>> ProduceAsync(string topic, Message<byte[]?, byte[]> message, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("the relay produces with delivery handlers");

        public Task<DeliveryResult<byte[]?, byte[]>> ProduceAsync(TopicPartition topicPartition, Message<byte[]?, byte[]> message, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("the relay produces with delivery handlers");

        public int Poll(TimeSpan timeout) => inner.Poll(timeout);

        public int Flush(TimeSpan timeout) => inner.Flush(timeout);

        public void Flush(CancellationToken cancellationToken = default) => inner.Flush(cancellationToken);

        public int AddBrokers(string brokers) => inner.AddBrokers(brokers);

        public void SetSaslCredentials(string username, string password) => inner.SetSaslCredentials(username, password);

        public void InitTransactions(TimeSpan timeout) => inner.InitTransactions(timeout);

        public void BeginTransaction() => inner.BeginTransaction();

        public void CommitTransaction(TimeSpan timeout) => inner.CommitTransaction(timeout);

        public void CommitTransaction() => inner.CommitTransaction();

        public void AbortTransaction(TimeSpan timeout) => inner.AbortTransaction(timeout);

        public void AbortTransaction() => inner.AbortTransaction();

        public void SendOffsetsToTransaction(IEnumerable<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata, TimeSpan timeout) =>
            inner.SendOffsetsToTransaction(offsets, groupMetadata, timeout);

        public void Dispose() => inner.Dispose();
    }
}
