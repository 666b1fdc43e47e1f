using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing;

/// <summary>
/// Starts an attempt: records it, has the subject draw one set of nonces per machine (each machine's public preprocess
/// is stored in the attempt's row before its nonces exist outside the subject), holds the nonces in memory and emits the
/// SignPreprocess — all in the handler's transaction, so the preprocess leaves only if the attempt is recorded.
/// </summary>
public sealed class AttemptStarter(SigningStore store, AttemptNonces nonces, NetworkTopics topics)
{
    /// <summary>Starts <paramref name="attempt"/> of <paramref name="subject"/>; false (and no effect) when it was started before.</summary>
    public async Task<bool> StartAsync(HandlerContext context, AttemptKey attempt, SigningSubject subject, CancellationToken cancellationToken)
    {
        var transaction = context.Transaction;
        if (!await store.InsertAttemptAsync(transaction, attempt, cancellationToken))
        {
            return false;
        }

        var preprocesses = new List<byte[]>();
        var drawn = await subject.PreprocessAsync(
            async (preprocess, ct) =>
            {
                await store.AppendPreprocessAsync(transaction, attempt, preprocess, ct);
                preprocesses.Add(preprocess);
            },
            cancellationToken);

        nonces.Hold(attempt, drawn);
        var message = new SignPreprocess { Id = attempt.ToSignId(), Participant = (uint)subject.CurveKey.Share.Identifier.Number };
        message.Preprocesses.AddRange(preprocesses.Select(ByteString.CopyFrom));
        context.Emit(topics.ProcessorEvents, topics.Network, message);
        return true;
    }
}
