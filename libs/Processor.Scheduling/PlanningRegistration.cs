using Microsoft.Extensions.DependencyInjection.Extensions;
using Processor.Scheduling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the planning engine over the network plug-in's primitives (registered by <c>AddConfiguredNetwork</c>).</summary>
public static class PlanningRegistration
{
    /// <summary>
    /// Adds <see cref="UtxoPlanner"/>, built from the plug-in's <c>NetworkParameters</c>, <c>PlanningLimits</c>,
    /// <c>ITransactionFees</c>, <c>IAddressScripts</c> and <c>IPlanEventualities</c>.
    /// </summary>
    public static IServiceCollection AddUtxoPlanning(this IServiceCollection services)
    {
        services.TryAddSingleton<UtxoPlanner>();
        return services;
    }
}
