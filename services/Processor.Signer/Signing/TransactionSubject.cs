using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Networks.Plugins;
using Processor.Signer.Keys;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Signer.Signing;

/// <summary>
/// A plan's transaction: the network plug-in builds it and each input's signing data; one BIP340 FROST machine per input
/// signs with the network key plus the input's offset; the completed transaction goes to the scheduler.
/// </summary>
public sealed class TransactionSubject : SigningSubject
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
        if (plan.PlanId.Length != SubjectKey.IdLength)
        {
            throw new PoisonMessageException($"PlanCreated: the plan id is {SubjectKey.IdLength} bytes, not {plan.PlanId.Length}.");
        }

        try
        {
            var ourKey = planner.PublishedKey(keys.Network.PublicKey.GroupPublicKey.Serialize());
            if (!plan.NetworkKey.Span.SequenceEqual(ourKey))
            {
                throw new PoisonMessageException(
                    $"PlanCreated {Convert.ToHexStringLower(plan.PlanId.Span)}: the plan spends with network key " +
                    $"{Convert.ToHexStringLower(plan.NetworkKey.Span)}, but session {plan.Session}'s key is {Convert.ToHexStringLower(ourKey)}.");
            }

            var transaction = planner.Prepare(ToPlan(plan));
            if (!plan.EventualityTxid.Span.SequenceEqual(transaction.TransactionId))
            {
                throw new PoisonMessageException(
                    $"PlanCreated {Convert.ToHexStringLower(plan.PlanId.Span)}: its transaction's id is {Convert.ToHexStringLower(transaction.TransactionId)}, " +
                    $"not the plan's eventuality {Convert.ToHexStringLower(plan.EventualityTxid.Span)}: the signer would sign another transaction.");
            }

            return new TransactionSubject(plan, transaction, keys, topics);
        }
        catch (InvalidPlanException ex)
        {
            throw new PoisonMessageException($"PlanCreated {Convert.ToHexStringLower(plan.PlanId.Span)}: {ex.Message}", ex);
        }
    }

    public override void Complete(IReadOnlyList<byte[]> signatures, HandlerContext context)
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

    private static TransactionPlan ToPlan(PlanCreated plan) => new(
        plan.NetworkKey.ToByteArray(),
        [.. plan.Inputs.Select(i => new PlannedInput(
            new OutputReference(i.Id?.Txid.ToByteArray() ?? [], (int)(i.Id?.Vout ?? 0)), i.Amount, i.Script.ToByteArray(), KindOf(i.Kind))
        {
            SpendData = i.SpendData.ToByteArray(),
        })],
        [.. plan.Payments.Select(p => new PlannedOutput(p.Script.ToByteArray(), p.Amount))],
        plan.Change is null ? null : new PlannedOutput(plan.Change.Script.ToByteArray(), plan.Change.Amount));

    private static OutputKind KindOf(Contracts.Common.V1.OutputKind kind) =>
        ContractOutputKinds.TryFromContract(kind) ?? throw new InvalidPlanException($"An input's output kind {kind} is not a kind of our addresses.");
}
