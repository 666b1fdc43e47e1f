using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Processor.Scanner.Health;

/// <summary>
/// Unhealthy while scanning is halted (with the reason) or before the first poll succeeded; the process itself stays up.
/// A poll that keeps failing is reported by the periodic-task checks, with its reason.
/// </summary>
public sealed class ScannerHealthCheck(ScannerStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            status.HaltedReason is { } halted ? HealthCheckResult.Unhealthy("halted: " + halted)
            : status.NextHeight < 0 ? HealthCheckResult.Unhealthy("not polled the node yet")
            : HealthCheckResult.Healthy($"next height {status.NextHeight}"));
}
