using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Scheduler.Storage;
using Processor.Scheduling;
using Processor.Networks.Plugins;

namespace Processor.Scheduler.Planning;

/// <summary>The engine's plans and drops as the contract's events.</summary>
public static class PlanMessages
{
    /// <param name="externalBlockNumber">The external block the plan is made at: its transaction can only be in a later one.</param>
    /// <param name="signingData">The plug-in's signing data of the plan (<see cref="PlanSigningData"/>).</param>
    public static PlanCreated Created(Plan plan, NetworkId network, int session, ulong seraiBlockNumber, ulong externalBlockNumber, byte[] signingData)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanCreated
        {
            Network = network,
            Session = (uint)session,
            NetworkKey = ByteString.CopyFrom(plan.NetworkKey),
            PlanId = ByteString.CopyFrom(plan.Id),
            Inputs =
            {
                plan.Inputs.Select(i => new PlanInput
                {
                    Id = new OutputId { Txid = ByteString.CopyFrom(i.Id.TransactionId), Vout = (uint)i.Id.Index },
                    Amount = i.Amount,
                    Script = ByteString.CopyFrom(i.LockingScript),
                    Kind = ContractOutputKinds.ToContract(i.Kind),
                    SpendData = ByteString.CopyFrom(i.SpendData),
                }),
            },
            Payments =
            {
                plan.Payments.Select(p => new Contracts.Scheduler.V1.PlanPayment
                {
                    Script = ByteString.CopyFrom(p.Script),
                    Amount = p.Amount,
                    Kind = p.Kind == PlanPaymentKind.Branch ? PaymentKind.Branch : PaymentKind.External,
                    SeraiBlockNumber = p.Id?.SeraiBlockNumber ?? 0,
                    BurnIndex = p.Id?.Index ?? 0,
                    Refund = p.Id?.Origin == PaymentOrigin.Refund,
                }),
            },
            Change = plan.Change is { } change ? new PlanChange { Script = ByteString.CopyFrom(change.LockingScript), Amount = change.Amount } : null,
            Fee = plan.Fee,
            FeeRate = plan.FeeRate,
            EventualityTxid = ByteString.CopyFrom(plan.Eventuality),
            SeraiBlockNumber = seraiBlockNumber,
            ExternalBlockNumber = externalBlockNumber,
            SigningData = ByteString.CopyFrom(signingData),
        };
    }

    /// <summary>The CREATED status of <paramref name="plan"/>, with its transaction's id when known before signing (else empty).</summary>
    public static PlanStatus CreatedStatus(PlanCreated plan, byte[]? txid)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanStatus { Session = plan.Session, PlanId = plan.PlanId, State = PlanState.Created, Txid = ByteString.CopyFrom(txid ?? []) };
    }

    /// <summary>The report of <paramref name="dropped"/>; <paramref name="burn"/> is the burn (or the refund, as a burn back) it was.</summary>
    public static PaymentDropped Dropped(DroppedPayment dropped, Burn burn)
    {
        ArgumentNullException.ThrowIfNull(dropped);
        return new PaymentDropped
        {
            SeraiBlockNumber = dropped.Id.SeraiBlockNumber,
            BurnIndex = dropped.Id.Index,
            Burn = burn,
            Reason = dropped.Reason switch
            {
                DropReason.Dust => PaymentDropReason.Dust,
                DropReason.InvalidAddress => PaymentDropReason.InvalidAddress,
                DropReason.UnsupportedCoin => PaymentDropReason.UnsupportedCoin,
                _ => throw new ArgumentOutOfRangeException(nameof(dropped), dropped.Reason, "Not a drop reason."),
            },
            Refund = dropped.Id.Origin == PaymentOrigin.Refund,
        };
    }
}
