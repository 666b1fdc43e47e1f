using Processor.Networks;

namespace Processor.Scheduling;

/// <summary>
/// Serai's UTXO scheduler for one key at a time, pure and deterministic: the same state and acknowledgement give
/// byte-identical plans at every validator. See README.md for the rules and how a service calls it.
/// </summary>
public sealed class UtxoPlanner
{
    public UtxoPlanner(
        NetworkParameters network, PlanningLimits limits, ITransactionFees fees, IAddressScripts addresses, IPlanEventualities eventualities)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.MaxInputs < 1 || limits.MaxOutputs < 3)
        {
            throw new ArgumentException(
                $"Planning needs at least 1 input and 3 outputs per transaction (a payment, a Branch output and the change); got {limits.MaxInputs} and {limits.MaxOutputs}.",
                nameof(limits));
        }

        SeraiCoin = network.SeraiCoin;
        Limits = limits;
        Fees = fees ?? throw new ArgumentNullException(nameof(fees));
        Addresses = addresses ?? throw new ArgumentNullException(nameof(addresses));
        Eventualities = eventualities ?? throw new ArgumentNullException(nameof(eventualities));
    }

    internal int SeraiCoin { get; }

    internal PlanningLimits Limits { get; }

    internal ITransactionFees Fees { get; }

    internal IAddressScripts Addresses { get; }

    internal IPlanEventualities Eventualities { get; }

    /// <summary>
    /// Schedules one acknowledgement for the key of <paramref name="state"/>: takes the payments (dropping those that can
    /// never be paid), adds the outputs to the pool (or executes the payments waiting for a Branch output that arrived),
    /// aggregates what does not fit in one transaction, and pays the queue in order as far as the pool allows.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The input contradicts the state: an output already known, an output not locked by the key's address of its kind, a
    /// payment already queued, a zero fee rate.
    /// </exception>
    public SchedulingResult Schedule(KeySchedule state, SchedulingInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        if (input.FeeRate == 0)
        {
            throw new ArgumentException("The fee rate is at least 1 (consensus data gives a floor).", nameof(input));
        }

        var run = new SchedulingRun(this, state, input.FeeRate);
        run.Take(input.Payments);
        run.Receive(input.Outputs);
        run.ExecuteArrivedBranches();
        run.Aggregate();
        run.PayQueue();
        var after = run.State();
        return new SchedulingResult(after, ScheduleChange.Between(state, after), run.Plans, run.Dropped);
    }
}
