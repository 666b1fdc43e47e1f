using Processor.Networks;

namespace Processor.Scheduling;

/// <summary>The working copy of one key's state while one acknowledgement is scheduled; <see cref="State"/> snapshots it.</summary>
internal sealed class SchedulingRun
{
    private readonly UtxoPlanner _planner;
    private readonly byte[] _networkKey;
    private readonly ulong _feeRate;
    private readonly Dictionary<OutputKind, byte[]> _ownScripts = [];
    private readonly List<PlannedInput> _pool;
    private readonly List<Payment> _queue;
    private readonly List<PendingBranch> _branches;

    public SchedulingRun(UtxoPlanner planner, KeySchedule state, ulong feeRate)
    {
        _planner = planner;
        _networkKey = state.NetworkKey;
        _feeRate = feeRate;
        _pool = [.. state.Utxos];
        _queue = [.. state.Queue];
        _branches = [.. state.Branches];
    }

    public List<Plan> Plans { get; } = [];

    public List<DroppedPayment> Dropped { get; } = [];

    private PlanningLimits Limits => _planner.Limits;

    public KeySchedule State() => new(_networkKey, [.. _pool], [.. _queue], [.. _branches]);

    /// <summary>Queues the payments that can be paid at all; drops the others (wrong coin, unpayable address, dust).</summary>
    public void Take(IReadOnlyList<PaymentRequest> requests)
    {
        var queued = _queue.Select(p => p.Id).Concat(_branches.SelectMany(b => b.Payments).Select(p => p.Id)).ToHashSet();
        foreach (var request in requests)
        {
            if (!queued.Add(request.Id))
            {
                throw new ArgumentException($"Payment {request.Id} is already scheduled.", nameof(requests));
            }

            var script = request.SeraiCoin == _planner.SeraiCoin ? _planner.Addresses.PaymentScript(request.Destination) : null;
            DropReason? reason = request.SeraiCoin != _planner.SeraiCoin ? DropReason.UnsupportedCoin
                : script is null ? DropReason.InvalidAddress
                : request.Amount < Limits.Dust ? DropReason.Dust
                : null;
            if (reason is { } drop)
            {
                Dropped.Add(new DroppedPayment(request.Id, request.Destination, request.Amount, drop));
            }
            else
            {
                _queue.Add(new Payment(request.Id, request.Destination, script!, request.Amount));
            }
        }
    }

    /// <summary>Adds acknowledged outputs to the pool, except a Branch output that pending payments wait for.</summary>
    public void Receive(IReadOnlyList<PlannedInput> outputs)
    {
        var known = _pool.Select(u => u.Id).Concat(_branches.Where(b => b.Arrived).Select(b => b.Output!)).ToHashSet(OutputReferenceComparer.Instance);
        foreach (var output in outputs)
        {
            if (!output.LockingScript.AsSpan().SequenceEqual(OwnScript(output.Kind)))
            {
                throw new ArgumentException($"Output {Describe(output.Id)} is not locked by the key's {output.Kind} address.", nameof(outputs));
            }

            if (!known.Add(output.Id))
            {
                throw new ArgumentException($"Output {Describe(output.Id)} is already in the pool (or is a Branch output that already arrived).", nameof(outputs));
            }

            var branch = output.Kind == OutputKind.Branch ? WaitingBranch(output) : -1;
            if (branch >= 0)
            {
                _branches[branch] = _branches[branch] with { Output = output.Id, Arrived = true, SpendData = output.SpendData };
            }
            else
            {
                _pool.Add(output);
            }
        }
    }

    /// <summary>
    /// The pending branch that <paramref name="output"/> (paid to the Branch address) funds, or -1: the branch planned at its
    /// place, else the oldest branch of unknown place and the same amount not yet arrived (README.md, "Branch outputs").
    /// </summary>
    private int WaitingBranch(PlannedInput output)
    {
        var planned = _branches.FindIndex(b => b.Output is { } place && OutputReferenceComparer.Instance.Equals(place, output.Id));
        if (planned >= 0)
        {
            var pending = _branches[planned];
            return pending.Amount == output.Amount
                ? planned
                : throw new ArgumentException(
                    $"Branch output {Describe(output.Id)} of {output.Amount} arrived with another amount than planned ({pending.Amount}).", nameof(output));
        }

        return _branches.FindIndex(b => b.Output is null && b.Amount == output.Amount);
    }

    /// <summary>Pays the payments of each Branch output that arrived, from that output alone.</summary>
    public void ExecuteArrivedBranches()
    {
        foreach (var branch in _branches.Where(b => b.Arrived).ToList())
        {
            var input = new PlannedInput(branch.Output!, branch.Amount, OwnScript(OutputKind.Branch), OutputKind.Branch) { SpendData = branch.SpendData };
            if (TryExecute([input], branch.Payments) is not null)
            {
                _branches.Remove(branch);
            }
        }
    }

    /// <summary>
    /// Leaves the largest <c>MaxInputs</c> outputs for payments and spends every further full group of them (two or more)
    /// to the key's Change address, so that the next acknowledgement has fewer, larger outputs. A group that cannot pay its
    /// fee and leave a change above dust stays in the pool.
    /// </summary>
    public void Aggregate()
    {
        var changeScript = OwnScript(OutputKind.Change);
        foreach (var group in LargestFirst().Skip(Limits.MaxInputs).Chunk(Limits.MaxInputs).Where(g => g.Length >= 2))
        {
            var total = Sum(group.Select(u => u.Amount));
            var fee = _planner.Fees.FeeOf(group, [changeScript], _feeRate);
            if (total < fee || total - fee < Limits.Dust)
            {
                continue;
            }

            _ = AddPlan(group, [], new PlannedOutput(changeScript, total - fee));
        }
    }

    /// <summary>
    /// Pays the queue from the front while the largest <c>MaxInputs</c> outputs cover it (strict FIFO: stops at the first
    /// payment that does not fit, so a large payment is not starved), spending the fewest of them, largest first.
    /// </summary>
    public void PayQueue()
    {
        var candidates = LargestFirst().Take(Limits.MaxInputs).ToList();
        var available = Sum(candidates.Select(u => u.Amount));
        var maxPayments = PaymentTree.MaxPayments(Limits.MaxOutputs);
        var count = 0;
        var total = 0UL;
        while (count < _queue.Count && count < maxPayments && _queue[count].Amount <= available - total)
        {
            total += _queue[count++].Amount;
        }

        if (count == 0)
        {
            return;
        }

        var inputs = new List<PlannedInput>();
        var spent = 0UL;
        foreach (var candidate in candidates.TakeWhile(_ => spent < total))
        {
            inputs.Add(candidate);
            spent += candidate.Amount;
        }

        if (TryExecute(inputs, _queue.GetRange(0, count)) is { } settled)
        {
            _queue.RemoveAll(p => settled.Contains(p.Id));
        }
    }

    /// <summary>
    /// Plans paying <paramref name="payments"/> from <paramref name="inputs"/>, branching what does not fit and amortizing
    /// the fee; returns the ids of the payments settled (planned or dropped), or null when the plan cannot pay its fee
    /// (then nothing changes: the inputs and the payments stay where they are).
    /// </summary>
    private HashSet<PaymentId>? TryExecute(IReadOnlyList<PlannedInput> inputs, IReadOnlyList<Payment> payments)
    {
        var inputTotal = Sum(inputs.Select(u => u.Amount));
        var paymentTotal = Sum(payments.Select(p => p.Amount));
        var changeSlot = inputTotal > paymentTotal ? 1 : 0;
        var entries = PaymentTree.Fit(payments, Limits.MaxOutputs - changeSlot, Limits.MaxOutputs - 1);
        var changeScript = OwnScript(OutputKind.Change);
        var branchScript = OwnScript(OutputKind.Branch);

        var amortized = FeeAmortization.Settle(entries, inputTotal, Limits, (outputs, withChange) =>
            _planner.Fees.FeeOf(inputs, [.. outputs.Select(e => e.Payment?.Script ?? branchScript), .. withChange ? [changeScript] : Array.Empty<byte[]>()], _feeRate));
        if (amortized is null)
        {
            return null;
        }

        var planPayments = amortized.Entries.Select(e => e.Payment is { } payment
            ? new PlanPayment(PlanPaymentKind.External, payment.Script, payment.Amount - amortized.Share, payment.Id)
            : new PlanPayment(PlanPaymentKind.Branch, branchScript, e.Amount - amortized.Share, null)).ToList();
        var (plan, places) = AddPlan(inputs, planPayments, amortized.Change is { } change ? new PlannedOutput(changeScript, change) : null);

        for (var i = 0; i < amortized.Entries.Count; i++)
        {
            if (amortized.Entries[i].Payment is null)
            {
                _branches.Add(new PendingBranch(plan.Id, i, places[i], planPayments[i].Amount, amortized.Entries[i].Children, Arrived: false));
            }
        }

        foreach (var payment in amortized.DroppedEntries.SelectMany(e => e.Payments))
        {
            Dropped.Add(new DroppedPayment(payment.Id, payment.Destination, payment.Amount, DropReason.Dust));
        }

        return [.. payments.Select(p => p.Id)];
    }

    /// <summary>Makes the plan, takes its inputs from the pool, and returns it with where each of its outputs will be (when known).</summary>
    private (Plan Plan, IReadOnlyList<OutputReference?> Places) AddPlan(
        IReadOnlyList<PlannedInput> inputs, List<PlanPayment> payments, PlannedOutput? change)
    {
        var outputTotal = Sum(payments.Select(p => p.Amount).Append(change?.Amount ?? 0));
        var fee = Sum(inputs.Select(u => u.Amount)) - outputTotal;
        var id = PlanEncoding.Id(_networkKey, inputs, payments, change);
        var draft = new Plan(id, _networkKey, inputs, payments, change, fee, _feeRate, [], null);
        var planned = _planner.Eventualities.EventualityOf(id, draft.ToTransactionPlan());
        if (planned.Outputs.Count != payments.Count + (change is null ? 0 : 1))
        {
            throw new InvalidOperationException(
                $"The plug-in placed {planned.Outputs.Count} outputs of a plan of {payments.Count} payments{(change is null ? "" : " and change")}.");
        }

        var plan = draft with { Eventuality = planned.Eventuality, TransactionId = planned.TransactionId };
        var spent = inputs.Select(u => u.Id).ToHashSet(OutputReferenceComparer.Instance);
        _pool.RemoveAll(u => spent.Contains(u.Id));
        Plans.Add(plan);
        return (plan, planned.Outputs);
    }

    /// <summary>The pool by amount, largest first; equal amounts by output id, so every validator orders it alike.</summary>
    private IEnumerable<PlannedInput> LargestFirst() =>
        _pool.OrderByDescending(u => u.Amount).ThenBy(u => u.Id, OutputReferenceComparer.Instance);

    private byte[] OwnScript(OutputKind kind)
    {
        if (!_ownScripts.TryGetValue(kind, out var script))
        {
            script = _planner.Addresses.OwnScript(_networkKey, kind);
            _ownScripts[kind] = script;
        }

        return script;
    }

    private static ulong Sum(IEnumerable<ulong> amounts) => amounts.Aggregate(0UL, (sum, amount) => checked(sum + amount));

    private static string Describe(OutputReference id) => $"{Convert.ToHexStringLower(id.TransactionId)}:{id.Index}";
}
