using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Processor.Messaging.Diagnostics;

/// <summary>Live while the consume loop keeps turning (a loop stuck for longer than the limit is not live).</summary>
public sealed class ConsumerHealthCheck(ConsumerHeartbeat heartbeat, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (heartbeat.Fault is { } fault)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("consume loop stopped: " + fault));
        }

        if (!heartbeat.Running)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no consumer running"));
        }

        var age = time.GetUtcNow() - heartbeat.LastBeat;
        return Task.FromResult(age < StaleAfter
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"consume loop has not turned for {age.TotalSeconds:F0} s"));
    }
}
