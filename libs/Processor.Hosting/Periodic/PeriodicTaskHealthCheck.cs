using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Processor.Hosting.Periodic;

/// <summary>
/// Reports every registered <see cref="PeriodicTask"/>. Two views, because a restart cures some faults and not others:
/// <list type="bullet">
/// <item><see cref="PeriodicTaskHealthView.Liveness"/> (<c>/health/live</c>): unhealthy when a task stopped or a run hung
/// (no sign of life for its hang timeout), which a restart cures. A task that keeps failing is reported as
/// <em>degraded</em> with its reason (HTTP 200): its dependency is down, and restarting the process would not bring it back.</item>
/// <item><see cref="PeriodicTaskHealthView.Readiness"/> (<c>/health/ready</c>): unhealthy while any task's last run failed,
/// with the reason: the process is up but not doing its job.</item>
/// </list>
/// </summary>
public sealed class PeriodicTaskHealthCheck(IEnumerable<PeriodicTask> tasks, TimeProvider time, PeriodicTaskHealthView view) : IHealthCheck
{
    private readonly PeriodicTask[] _tasks = tasks.ToArray();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var statuses = _tasks.Select(t => (Status: t.Status, t.Schedule.HangTimeout)).ToArray();
        var data = statuses.ToDictionary(s => s.Status.Name, s => (object)Describe(s.Status));
        var dead = statuses
            .Where(s => s.Status.State == PeriodicTaskState.Stopped || s.Status.IsHung(now, s.HangTimeout))
            .Select(s => s.Status.State == PeriodicTaskState.Stopped
                ? $"{s.Status.Name} stopped"
                : $"{s.Status.Name} hung: no sign of life for {(now - s.Status.LastHeartbeat).TotalSeconds:F0} s")
            .ToArray();
        var failing = statuses
            .Where(s => s.Status.IsFailing)
            .Select(s => $"{s.Status.Name} failing ({s.Status.ConsecutiveFailures} in a row): {s.Status.LastFailureReason}")
            .ToArray();

        var result = view switch
        {
            PeriodicTaskHealthView.Liveness when dead.Length > 0 => HealthCheckResult.Unhealthy(string.Join("; ", dead.Concat(failing)), data: data),
            PeriodicTaskHealthView.Liveness when failing.Length > 0 => HealthCheckResult.Degraded(string.Join("; ", failing), data: data),
            PeriodicTaskHealthView.Readiness when failing.Length > 0 => HealthCheckResult.Unhealthy(string.Join("; ", failing), data: data),
            _ => HealthCheckResult.Healthy($"{statuses.Length} periodic task(s) running", data),
        };
        return Task.FromResult(result);
    }

    private static string Describe(PeriodicTaskStatus status) =>
        status.IsFailing
            ? $"{status.State}, failing since {status.LastFailure:O}: {status.LastFailureReason}"
            : $"{status.State}, last success {status.LastSuccess?.ToString("O") ?? "none yet"}";
}

/// <summary>Which endpoint a <see cref="PeriodicTaskHealthCheck"/> answers for.</summary>
public enum PeriodicTaskHealthView
{
    Liveness,
    Readiness,
}
