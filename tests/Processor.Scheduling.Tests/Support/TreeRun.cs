using Processor.Networks;

namespace Processor.Scheduling.Tests.Support;

/// <summary>Plays the chain and the acknowledgements: every plan's own outputs (Branch, change) arrive in the next acknowledgement.</summary>
public static class TreeRun
{
    /// <summary>
    /// Schedules <paramref name="first"/>'s plans' outputs back into <paramref name="bed"/> until no plan is made; returns
    /// every plan, in order. Bounded: a tree deeper than <paramref name="maxRounds"/> fails the test.
    /// </summary>
    public static List<Plan> Complete(PlanningBed bed, SchedulingResult first, int maxRounds = 10) =>
        Complete(first, outputs => bed.Schedule(outputs), PlanningBed.OwnOutputsOf, maxRounds);

    /// <summary>
    /// Acknowledges each round's plans' own outputs (<paramref name="ownOutputsOf"/>) with <paramref name="schedule"/> until
    /// no plan is made; returns every plan, in order. Bounded by <paramref name="maxRounds"/>.
    /// </summary>
    public static List<Plan> Complete(
        SchedulingResult first, Func<IReadOnlyList<PlannedInput>, SchedulingResult> schedule, Func<Plan, IReadOnlyList<PlannedInput>> ownOutputsOf, int maxRounds)
    {
        var plans = new List<Plan>(first.Plans);
        var latest = first.Plans;
        for (var round = 0; latest.Count > 0; round++)
        {
            Assert.True(round < maxRounds, $"the tree is still growing after {maxRounds} rounds");
            latest = schedule([.. latest.SelectMany(ownOutputsOf)]).Plans;
            plans.AddRange(latest);
        }

        return plans;
    }

    /// <summary>How many times each payment was paid, over all plans.</summary>
    public static Dictionary<PaymentId, int> PaymentCounts(IEnumerable<Plan> plans) =>
        plans.SelectMany(p => p.Payments).Where(p => p.Kind == PlanPaymentKind.External)
            .GroupBy(p => p.Id!).ToDictionary(g => g.Key, g => g.Count());
}
