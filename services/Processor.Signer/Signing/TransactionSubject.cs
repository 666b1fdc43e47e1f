using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Signer.Keys;

namespace Processor.Signer.Signing;

/// <summary>
/// A plan's transaction whose inputs sign known messages (Bitcoin): the network plug-in builds it and each input's
/// signing data; one BIP340 FROST machine per input signs with the network key plus the input's offset; the completed
/// transaction goes to the scheduler.
/// </summary>
public sealed class TransactionSubject : FrostSubject
{
    private readonly PlanCreated _plan;
    private readonly ISignableTransaction _transaction;
    private readonly NetworkTopics _topics;

    private TransactionSubject(PlanCreated plan, ISignableTransaction transaction, SessionKeys keys, NetworkTopics topics)
        : base(
            SubjectKey.Of(plan.Session, SignKind.Transaction, plan.PlanId.ToByteArray()), FrostCiphersuite.Secp256k1Bip340, keys.Network,
            [.. transaction.Inputs.Select(i => new SigningMachine(i.Message, OffsetOf(i.KeyOffset)))])
    {
        _plan = plan;
        _transaction = transaction;
        _topics = topics;
    }

    /// <summary>The subject of <paramref name="plan"/>, signed with <paramref name="keys"/>.</summary>
    /// <exception cref="PoisonMessageException">The plan is not one these keys can sign, or its transaction is not its eventuality.</exception>
    public static TransactionSubject Of(PlanCreated plan, SessionKeys keys, ITransactionSigningPlanner planner, NetworkTopics topics)
    {
        try
        {
            SchedulerPlans.CheckIdAndKey(plan, planner.PublishedKey(keys.Network.PublicKey.GroupPublicKey.Serialize()));
            var transaction = planner.Prepare(SchedulerPlans.ToTransactionPlan(plan));
            if (!plan.EventualityTxid.Span.SequenceEqual(transaction.TransactionId))
            {
                throw new PoisonMessageException(
                    $"PlanCreated {SchedulerPlans.IdOf(plan)}: its transaction's id is {Convert.ToHexStringLower(transaction.TransactionId)}, " +
                    $"not the plan's eventuality {Convert.ToHexStringLower(plan.EventualityTxid.Span)}: the signer would sign another transaction.");
            }

            return new TransactionSubject(plan, transaction, keys, topics);
        }
        catch (InvalidPlanException ex)
        {
            throw new PoisonMessageException($"PlanCreated {SchedulerPlans.IdOf(plan)}: {ex.Message}", ex);
        }
    }

    protected override void Emit(IReadOnlyList<byte[]> signatures, HandlerContext context)
    {
        // Each signature was verified by the aggregation (BIP340 under the input's key); the txid must still be the plan's.
        var signed = _transaction.Complete(signatures);
        context.Emit(_topics.SignerSignatures, _topics.Network, new TransactionSigned
        {
            Network = _plan.Network,
            Session = _plan.Session,
            PlanId = _plan.PlanId,
            Txid = ByteString.CopyFrom(_transaction.TransactionId),
            Transaction = ByteString.CopyFrom(signed),
        });
    }

    private static KeyOffset? OffsetOf(byte[] offset)
    {
        if (offset.All(b => b == 0))
        {
            return null;
        }

        using var scalar = FrostCiphersuite.Secp256k1Bip340.Group.DeserializeScalar(offset);
        return new KeyOffset(scalar);
    }
}
