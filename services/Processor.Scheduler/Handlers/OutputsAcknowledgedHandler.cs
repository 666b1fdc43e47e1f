using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.KeyBook;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Scheduler.Planning;
using Processor.Scheduler.Storage;
using Processor.Scheduling;
using Processor.Networks.Plugins;

namespace Processor.Scheduler.Handlers;

/// <summary>
/// Schedules what Serai acknowledged: each key's acknowledged outputs join its pool (or fund the payments waiting for a
/// Branch output), the refunds and burns join the paying key's queue, and the engine plans with the consensus fee rate of
/// the required block. Each plan gets its signing data from the plug-in (<see cref="PlanSigningData"/>) at that block. In one
/// transaction with the consumed offset: the keys' new state, the plans, and, in this order, <c>SubstrateBlockAcknowledged</c>
/// naming the plans, then per plan <c>PlanCreated</c> (to the signer and the scanner) and <c>PlanStatus CREATED</c>, then a
/// <c>PaymentDropped</c> per payment that will never be made. A Serai block already acknowledged (another copy of the event)
/// changes nothing; one whose plans' signing data the chain cannot give yet is parked, with nothing written or emitted.
/// </summary>
/// <remarks>
/// The node is asked (fee rate, signing data) inside the handler's transaction: the plans exist only once the stored schedule
/// is loaded and planned in it, and any failure rolls everything back, so a retry plans the same again. The transaction
/// holds only this scheduler's own rows, which no other consumer writes.
/// </remarks>
public sealed class OutputsAcknowledgedHandler(
    ScheduleStore schedules,
    PlanStore plans,
    KeyBookStore keys,
    UtxoPlanner planner,
    RequiredBlockFeeRate feeRate,
    PlanSigningData signingData,
    NetworkParameters network,
    NetworkTopics topics) : IMessageHandler<OutputsAcknowledged>
{
    public async ValueTask<HandleOutcome> HandleAsync(OutputsAcknowledged message, HandlerContext context, CancellationToken cancellationToken)
    {
        var transaction = context.Transaction;
        var seraiBlock = checked((long)message.SeraiBlockNumber);
        if (await schedules.IsAcknowledgedAsync(transaction, seraiBlock, cancellationToken))
        {
            return HandleOutcome.Done;
        }

        var known = (await keys.ListAsync(context.Connection, cancellationToken)).ToDictionary(k => k.Session);
        var outputs = OutputsBySession(message, known);
        var payments = PaymentsOf(message);
        // Payments go to the newest active key: this processor does not rotate keys yet, so it is the only one.
        var payer = known.Values.Where(k => k.State == KeyState.Active).MaxBy(k => k.Session);
        if (payments.Count > 0 && payer is null)
        {
            return HandleOutcome.Park($"Serai block {seraiBlock} has payments, but no key is active here yet");
        }

        var unknown = outputs.Keys.Where(s => !known.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
        {
            return HandleOutcome.Park(
                $"Serai block {seraiBlock} acknowledges outputs of session {unknown[0]}, whose key this scheduler has not learnt yet");
        }

        if (await feeRate.OfAsync(message, cancellationToken) is not { } rate)
        {
            return HandleOutcome.Park(
                $"Serai block {seraiBlock} requires external block {message.RequiredBlockHeight}, which the node does not have on its best chain (yet)");
        }

        var planned = new List<(Plan Plan, int Session)>();
        var dropped = new List<PaymentDropped>();
        var sessions = outputs.Keys.Concat(known.Values.Where(k => k.State == KeyState.Active).Select(k => k.Session)).Distinct().Order();
        foreach (var session in sessions)
        {
            var key = known[session];
            var state = await schedules.LoadAsync(transaction, session, key.NetworkKey, cancellationToken);
            var input = new SchedulingInput(outputs.GetValueOrDefault(session, []), session == payer?.Session ? payments : [], rate);
            SchedulingResult result;
            try
            {
                result = planner.Schedule(state, input);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidPlanException)
            {
                throw new PoisonMessageException($"OutputsAcknowledged of Serai block {seraiBlock}, session {session}: {ex.Message}", ex);
            }

            await schedules.ApplyAsync(transaction, session, result.Change, cancellationToken);
            await schedules.InsertDroppedAsync(transaction, session, result.Dropped, cancellationToken);
            planned.AddRange(result.Plans.Select(p => (p, session)));
            dropped.AddRange(result.Dropped.Select(d => PlanMessages.Dropped(d, PaidAs(message, d))));
        }

        IReadOnlyList<byte[]> plansSigningData;
        try
        {
            plansSigningData = await signingData.OfAsync([.. planned.Select(p => p.Plan)], checked((long)message.RequiredBlockHeight), cancellationToken);
        }
        catch (PlanPreparationUnavailableException ex)
        {
            return HandleOutcome.Park($"Serai block {seraiBlock}'s plans cannot get their signing data from the chain (yet): {ex.Message}");
        }
        catch (InvalidPlanException ex)
        {
            throw new PoisonMessageException($"OutputsAcknowledged of Serai block {seraiBlock}: a plan cannot be prepared: {ex.Message}", ex);
        }

        var created = planned.Select((p, i) => (p.Plan, Message: PlanMessages.Created(
            p.Plan, message.Network, p.Session, message.SeraiBlockNumber, message.RequiredBlockHeight, plansSigningData[i]))).ToList();

        context.Emit(topics.ProcessorEvents, topics.Network, new SubstrateBlockAcknowledged
        {
            SeraiBlockNumber = message.SeraiBlockNumber,
            BatchIds = { message.BatchIds },
            PlanIds = { created.Select(p => p.Message.PlanId) },
        });
        foreach (var (plan, planCreated) in created)
        {
            await plans.InsertAsync(transaction, planCreated, plan.TransactionId, cancellationToken);
            context.Emit(topics.SchedulerPlans, topics.Network, planCreated);
            context.Emit(topics.ProcessorEvents, topics.Network, PlanMessages.CreatedStatus(planCreated, plan.TransactionId));
        }

        foreach (var drop in dropped)
        {
            context.Emit(topics.ProcessorEvents, topics.Network, drop);
        }

        await schedules.MarkAcknowledgedAsync(transaction, seraiBlock, created.Count, cancellationToken);
        return HandleOutcome.Done;
    }

    /// <summary>The acknowledged outputs of each key, in acknowledgement order (blocks by height, then as the scanner ordered them).</summary>
    /// <exception cref="PoisonMessageException">An output names a key other than the one its session has here, or has no valid id or kind.</exception>
    private static Dictionary<int, List<PlannedInput>> OutputsBySession(OutputsAcknowledged message, Dictionary<int, KnownKey> known)
    {
        var bySession = new Dictionary<int, List<PlannedInput>>();
        foreach (var keyOutputs in message.Blocks.SelectMany(b => b.Outputs))
        {
            var session = checked((int)keyOutputs.Session);
            if (known.TryGetValue(session, out var key) && !keyOutputs.NetworkKey.Span.SequenceEqual(key.NetworkKey))
            {
                throw new PoisonMessageException(
                    $"OutputsAcknowledged of Serai block {message.SeraiBlockNumber}: outputs of session {session} name network key " +
                    $"{Convert.ToHexStringLower(keyOutputs.NetworkKey.Span)}, not the session's {Convert.ToHexStringLower(key.NetworkKey)}.");
            }

            var list = bySession.TryGetValue(session, out var existing) ? existing : bySession[session] = [];
            foreach (var output in keyOutputs.Outputs)
            {
                if (output.Id is null || output.Id.Vout > int.MaxValue || !Enum.IsDefined(output.Kind) || output.Kind == Contracts.Common.V1.OutputKind.Unspecified)
                {
                    throw new PoisonMessageException(
                        $"OutputsAcknowledged of Serai block {message.SeraiBlockNumber}: an output of session {session} has no valid id or kind.");
                }

                list.Add(new PlannedInput(
                    new OutputReference(output.Id.Txid.ToByteArray(), (int)output.Id.Vout), output.Amount, output.Script.ToByteArray(),
                    ContractOutputKinds.FromContract(output.Kind))
                {
                    SpendData = output.SpendData.ToByteArray(),
                });
            }
        }

        return bySession;
    }

    /// <summary>The payments asked for, in the acknowledgement's order: its refunds, then its burns.</summary>
    private static List<PaymentRequest> PaymentsOf(OutputsAcknowledged message) =>
    [
        .. message.Refunds.Select((r, i) => new PaymentRequest(
            new PaymentId(PaymentOrigin.Refund, message.SeraiBlockNumber, (uint)i), (int)r.Coin, r.Destination.ToByteArray(), r.Amount)),
        .. message.Burns.Select((b, i) => new PaymentRequest(
            new PaymentId(PaymentOrigin.Burn, message.SeraiBlockNumber, (uint)i), (int)b.Coin, b.Destination.ToByteArray(), b.Amount)),
    ];

    /// <summary>
    /// The burn a dropped payment was: this acknowledgement's own burn, or a refund as the burn back it would have been. A
    /// payment of an earlier acknowledgement (dropped once its share of a fee was known) is reported with what the engine kept of it.
    /// </summary>
    private Burn PaidAs(OutputsAcknowledged message, DroppedPayment dropped)
    {
        var id = dropped.Id;
        if (id.SeraiBlockNumber == message.SeraiBlockNumber && id.Origin == PaymentOrigin.Burn)
        {
            return message.Burns[(int)id.Index];
        }

        var coin = id.SeraiBlockNumber == message.SeraiBlockNumber ? message.Refunds[(int)id.Index].Coin : (Coin)network.SeraiCoin;
        return new Burn { Coin = coin, Amount = dropped.Amount, Destination = ByteString.CopyFrom(dropped.Destination) };
    }
}
