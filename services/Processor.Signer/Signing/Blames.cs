using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing;

/// <summary>
/// Blames the participants whose items were refused: one InvalidParticipant each, with the offending bytes and why. The
/// attempt cannot go on without them; it ends as blamed and waits for the coordinator's re-attempt.
/// </summary>
public sealed class Blames(SigningStore store, AttemptNonces nonces, NetworkTopics topics)
{
    public async Task BlameAsync(HandlerContext context, AttemptKey attempt, IReadOnlyList<ParticipantFault> faults, CancellationToken cancellationToken)
    {
        AttemptNonces.DisposeAll(nonces.Take(attempt) ?? []);
        foreach (var fault in faults)
        {
            context.Emit(topics.ProcessorEvents, topics.Network, new InvalidParticipant
            {
                Id = attempt.ToSignId(),
                Participant = (uint)fault.Participant,
                Reason = $"Participant {fault.Participant}: {fault.Reason}.",
                Evidence = ByteString.CopyFrom(fault.Evidence),
            });
        }

        await store.FinishAttemptAsync(
            context.Transaction, attempt, AttemptStates.Blamed,
            string.Join(" ", faults.Select(f => $"Participant {f.Participant}: {f.Reason}.")), cancellationToken);
    }
}
