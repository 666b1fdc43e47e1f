using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

public static class TelemetryRegistration
{
    /// <summary>Exports the spans of the activity source and the metrics of the meter named <paramref name="name"/>.</summary>
    public static IServiceCollection AddTelemetrySource(this IServiceCollection services, string name)
    {
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(name))
            .WithMetrics(m => m.AddMeter(name));
        return services;
    }
}
