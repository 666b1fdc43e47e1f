using System.Diagnostics;
using Npgsql;
using Processor.Messaging.Diagnostics;
using Processor.Messaging.Outbox;
using Processor.Messaging.Storage;

namespace Processor.Messaging.Consuming;

/// <summary>
/// Consecutive first deliveries of one message type within a batch, handed to their handler in one call. Each record
/// gets its own processing span and context; the spans end when the run has been handled.
/// </summary>
internal sealed class HandlerRun(NpgsqlTransaction transaction, string consumerGroup) : IDisposable
{
    private readonly List<DecodedRecord.Handled> _records = [];
    private readonly List<HandlerInput> _inputs = [];
    private HandlerBinding? _binding;

    /// <summary>Whether a record of <paramref name="binding"/> can join the run without handling the run first.</summary>
    public bool Accepts(HandlerBinding binding) => _binding is null || ReferenceEquals(_binding, binding);

    public void Add(DecodedRecord.Handled record)
    {
        _binding = record.Binding;
        _records.Add(record);
        // Each span is a child of its own record's producer, not of the previous record's span.
        var current = Activity.Current;
        var activity = MessagingTelemetry.StartProcessing(record.Event, consumerGroup);
        Activity.Current = current;
        _inputs.Add(new HandlerInput(record.Event.Message, new HandlerContext(transaction, record.Event, activity)));
    }

    /// <summary>
    /// Runs the handler over the run and appends what it emitted to <paramref name="outbox"/>, then empties the run.
    /// Returns the parked record if the handler parked one, and how many records were applied.
    /// </summary>
    public async Task<(ParkedRecord? Parked, int Applied)> RunAsync(
        IServiceProvider services, List<OutboxRecord> outbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_binding is null)
        {
            return (null, 0);
        }

        try
        {
            var outcome = await _binding.RunAsync(services, _inputs, transaction, cancellationToken);
            if (outcome.IsParked)
            {
                var record = _records[outcome.ParkedIndex].Record;
                return (new ParkedRecord(record.TopicPartition, record.Offset.Value, outcome.ParkReason!), 0);
            }

            foreach (var input in _inputs)
            {
                outbox.AddRange(input.Context.Emitted.Select(e => OutboxRecords.From(e, now)));
            }

            return (null, _inputs.Count);
        }
        finally
        {
            Clear();
        }
    }

    public void Dispose() => Clear();

    private void Clear()
    {
        foreach (var input in _inputs)
        {
            input.Context.Activity?.Dispose();
        }

        _inputs.Clear();
        _records.Clear();
        _binding = null;
    }
}
