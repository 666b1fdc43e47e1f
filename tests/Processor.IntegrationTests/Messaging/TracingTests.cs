using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using Processor.Contracts;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Diagnostics;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker.V1;

namespace Processor.IntegrationTests.Messaging;

/// <summary>Trace context crosses the service: an emitted event continues the trace of the event that caused it.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task EmittedEvent_CarriesTheTraceOfItsCause()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var topics = new CounterTopics("trace", partitions: 1);
        await topics.CreateAsync(ct);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var record = CounterTopics.Record(
            EventIds.NewFact(), CounterIncremented.Descriptor.FullName, new CounterIncremented { Key = "k", Amount = 1 }.ToByteArray(), "k");
        record.Headers.Add(MessageHeaders.TraceParent, Encoding.UTF8.GetBytes($"00-{traceId}-00f067aa0ba902b7-01"));
        await topics.ProduceRawAsync(0, [record], ct);

        await using (await InProcessCounterWorker.StartAsync(CounterWorkerConfig.Create(topics), ct))
        {
            var emitted = Assert.Single(CounterTopics.ReadAll(topics.Output, r => r.Count >= 1, TimeSpan.FromSeconds(60)));
            var traceParent = CounterTopics.Header(emitted, MessageHeaders.TraceParent);

            Assert.NotNull(traceParent);
            Assert.Equal(traceId, traceParent.Split('-')[1]);
            Assert.NotEqual("00f067aa0ba902b7", traceParent.Split('-')[2]);
        }
    }
}
