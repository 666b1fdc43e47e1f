using Processor.Networks;
using Processor.Scheduling;

namespace Processor.Scheduler.Planning;

/// <summary>
/// Each new plan's signing data from the plug-in's <see cref="IPlanPreparer"/> (Monero: its rings; Bitcoin: nothing), chosen
/// at the acknowledgement's required block, so that every validator's <c>PlanCreated</c> is byte-identical.
/// </summary>
public sealed class PlanSigningData(IPlanPreparer preparer)
{
    /// <summary>The signing data of each of <paramref name="plans"/>, in order, at <paramref name="externalBlockHeight"/>.</summary>
    /// <exception cref="PlanPreparationUnavailableException">The chain cannot give a plan's data (yet): park, nothing is emitted.</exception>
    /// <exception cref="InvalidPlanException">A plan cannot be prepared (its inputs are not this network's): the input is bad.</exception>
    public async Task<IReadOnlyList<byte[]>> OfAsync(IReadOnlyList<Plan> plans, long externalBlockHeight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var data = new List<byte[]>(plans.Count);
        foreach (var plan in plans)
        {
            data.Add(await preparer.PrepareAsync(plan.Id, plan.ToTransactionPlan(), externalBlockHeight, cancellationToken));
        }

        return data;
    }
}
