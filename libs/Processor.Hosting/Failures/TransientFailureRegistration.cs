using Microsoft.Extensions.DependencyInjection.Extensions;
using Processor.Hosting.Failures;

namespace Microsoft.Extensions.DependencyInjection;

public static class TransientFailureRegistration
{
    /// <summary>Adds <typeparamref name="TRule"/> to the <see cref="TransientFailureClassifier"/> (once, however often it is called).</summary>
    public static IServiceCollection AddTransientFailureRule<TRule>(this IServiceCollection services)
        where TRule : class, ITransientFailureRule
    {
        services.TryAddSingleton<TransientFailureClassifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransientFailureRule, TRule>());
        return services;
    }
}
