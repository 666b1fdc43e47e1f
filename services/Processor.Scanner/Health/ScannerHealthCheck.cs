using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Processor.Scanner.Health;

/// <summary>Unhealthy while scanning is halted (with the reason) or while the last poll failed; the process itself stays up.</summary>
public sealed class ScannerHealthCheck(ScannerStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            status.HaltedReason is { } halted ? HealthCheckResult.Unhealthy("halted: " + halted)
            : status.Failure is { } failure ? HealthCheckResult.Unhealthy("retrying: " + failure)
            : status.NextHeight < 0 ? HealthCheckResult.Unhealthy("not polled the node yet")
            : HealthCheckResult.Healthy($"next height {status.NextHeight}"));
}
