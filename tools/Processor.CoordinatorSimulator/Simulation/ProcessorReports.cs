using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>
/// What each validator's processor reported about the flow after key generation: the Batches it built, the Serai blocks it
/// acknowledged (with the plans they caused), its plans' progress, the payments it dropped and the deposits whose data gave
/// no instruction. Kept per validator, because validators must agree and a test or the demo wants to see that they do.
/// Reports are at-least-once: a repeated one changes nothing. Not thread-safe (the simulation's gate guards it).
/// </summary>
public sealed class ProcessorReports
{
    private readonly Dictionary<int, ValidatorReports> _validators = [];

    /// <summary>Records <paramref name="message"/> if it is one of the reports kept here; returns a one-line summary, else null.</summary>
    public string? Record(int validator, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_validators.TryGetValue(validator, out var reports))
        {
            reports = _validators[validator] = new ValidatorReports();
        }

        return message switch
        {
            Batch m => reports.OnBatch(m),
            SubstrateBlockAcknowledged m => reports.OnAcknowledged(m),
            PlanStatus m => reports.OnPlanStatus(m),
            PlanCompleted m => reports.OnPlanCompleted(m),
            PaymentDropped m => reports.OnPaymentDropped(m),
            InstructionRejected m => reports.OnInstructionRejected(m),
            _ => null,
        };
    }

    /// <summary>One view per validator that reported anything, by validator.</summary>
    public IReadOnlyList<SimulatorState.ProcessorView> Views() =>
        [.. _validators.OrderBy(v => v.Key).Select(v => v.Value.View(v.Key))];

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private sealed class ValidatorReports
    {
        private readonly SortedDictionary<uint, SimulatorState.BatchView> _batches = [];
        private readonly SortedDictionary<ulong, SimulatorState.AcknowledgementView> _acknowledgements = [];
        private readonly Dictionary<string, SimulatorState.PlanView> _plans = new(StringComparer.Ordinal);
        private readonly List<string> _planOrder = [];
        private readonly Dictionary<(ulong Block, uint Index), SimulatorState.DroppedPaymentView> _dropped = [];
        private readonly Dictionary<(string Txid, uint Vout), SimulatorState.RejectedInstructionView> _rejected = [];

        public string OnBatch(Batch batch)
        {
            _batches[batch.Id] = new SimulatorState.BatchView(batch.Id, Hex(batch.ExternalBlockHash), batch.Instructions.Count);
            return $"Batch {batch.Id} for external block {Hex(batch.ExternalBlockHash)} with {batch.Instructions.Count} instruction(s)";
        }

        public string OnAcknowledged(SubstrateBlockAcknowledged acknowledged)
        {
            var planIds = acknowledged.PlanIds.Select(Hex).ToList();
            _acknowledgements[acknowledged.SeraiBlockNumber] =
                new SimulatorState.AcknowledgementView(acknowledged.SeraiBlockNumber, [.. acknowledged.BatchIds], planIds);
            foreach (var planId in planIds)
            {
                Plan(planId);
            }

            return $"acknowledged Serai block {acknowledged.SeraiBlockNumber} (Batches [{string.Join(", ", acknowledged.BatchIds)}]) " +
                   $"with {planIds.Count} plan(s)";
        }

        public string OnPlanStatus(PlanStatus status)
        {
            var planId = Hex(status.PlanId);
            var plan = Plan(planId);
            // Reports may repeat or (after a restart) arrive again out of order: a plan's state only moves forward.
            _plans[planId] = plan with
            {
                Session = status.Session,
                State = plan.State > status.State ? plan.State : status.State,
                Txid = status.Txid.IsEmpty ? plan.Txid : Hex(status.Txid),
            };
            return $"plan {planId} {status.State} (transaction {Hex(status.Txid)})";
        }

        public string OnPlanCompleted(PlanCompleted completed)
        {
            var planId = Hex(completed.PlanId);
            _plans[planId] = Plan(planId) with
            {
                Session = completed.Session,
                Txid = Hex(completed.Txid),
                Completion = new SimulatorState.PlanCompletionView(completed.ExternalBlockNumber, Hex(completed.ExternalBlockHash)),
            };
            return $"plan {planId} completed by transaction {Hex(completed.Txid)} in external block {completed.ExternalBlockNumber}";
        }

        public string OnPaymentDropped(PaymentDropped dropped)
        {
            _dropped[(dropped.SeraiBlockNumber, dropped.BurnIndex)] = new SimulatorState.DroppedPaymentView(
                dropped.SeraiBlockNumber, dropped.BurnIndex, dropped.Burn?.Amount ?? 0, Hex(dropped.Burn?.Destination ?? ByteString.Empty), dropped.Reason);
            return $"dropped burn {dropped.BurnIndex} of Serai block {dropped.SeraiBlockNumber}: {dropped.Reason}";
        }

        public string OnInstructionRejected(InstructionRejected rejected)
        {
            var txid = Hex(rejected.Output?.Txid ?? ByteString.Empty);
            var vout = rejected.Output?.Vout ?? 0;
            _rejected[(txid, vout)] = new SimulatorState.RejectedInstructionView(
                txid, vout, rejected.Amount, Hex(rejected.ExternalBlockHash), rejected.Reason, rejected.Detail, Hex(rejected.RefundDestination));
            return $"no instruction in output {txid}:{vout} ({rejected.Reason}: {rejected.Detail}); " +
                   (rejected.RefundDestination.IsEmpty ? "no refund address" : $"refund to {Hex(rejected.RefundDestination)}");
        }

        public SimulatorState.ProcessorView View(int validator) => new(
            validator,
            [.. _batches.Values],
            [.. _acknowledgements.Values],
            [.. _planOrder.Select(id => _plans[id])],
            [.. _dropped.OrderBy(d => d.Key).Select(d => d.Value)],
            [.. _rejected.OrderBy(r => r.Key).Select(r => r.Value)]);

        private SimulatorState.PlanView Plan(string planId)
        {
            if (!_plans.TryGetValue(planId, out var plan))
            {
                plan = _plans[planId] = new SimulatorState.PlanView(planId, 0, PlanState.Unspecified, "", null);
                _planOrder.Add(planId);
            }

            return plan;
        }
    }
}
