using Microsoft.Extensions.DependencyInjection.Extensions;
using Processor.Hosting.Periodic;

namespace Microsoft.Extensions.DependencyInjection;

public static class PeriodicTaskRegistration
{
    /// <summary>
    /// Runs <typeparamref name="TTask"/> as a hosted service and reports it in the periodic-task health checks. The task is
    /// also a singleton, so others can read its status or call <see cref="PeriodicTask.TriggerNow"/>.
    /// </summary>
    public static IServiceCollection AddPeriodicTask<TTask>(this IServiceCollection services)
        where TTask : PeriodicTask
    {
        services.TryAddSingleton<TTask>();
        services.AddSingleton<PeriodicTask>(sp => sp.GetRequiredService<TTask>());
        services.AddHostedService(sp => sp.GetRequiredService<TTask>());
        return services;
    }
}
