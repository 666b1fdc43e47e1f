using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing;

/// <summary>
/// Starts an attempt: records it, draws one set of nonces per machine through <see cref="FrostCiphersuite.CommitAsync"/>
/// (whose callback stores the public commitments in the attempt's row), holds the nonces in memory and emits the
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

        var drawn = new List<SigningNonces>();
        try
        {
            foreach (var _ in subject.Machines)
            {
                drawn.Add(await subject.Suite.CommitAsync(
                    subject.CurveKey.Share,
                    (commitments, ct) => store.AppendPreprocessAsync(transaction, attempt, commitments.Serialize(), ct),
                    cancellationToken));
            }
        }
        catch
        {
            AttemptNonces.DisposeAll(drawn);
            throw;
        }

        nonces.Hold(attempt, [.. drawn]);
        var preprocess = new SignPreprocess { Id = attempt.ToSignId(), Participant = (uint)subject.CurveKey.Share.Identifier.Number };
        preprocess.Preprocesses.AddRange(drawn.Select(n => ByteString.CopyFrom(n.Commitments.Serialize())));
        context.Emit(topics.ProcessorEvents, topics.Network, preprocess);
        return true;
    }
}
