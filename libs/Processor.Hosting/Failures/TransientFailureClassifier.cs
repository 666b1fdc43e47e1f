namespace Processor.Hosting.Failures;

/// <summary>
/// Tells infrastructure failures (a database, broker or node that is down, restarting, warming up or slow: retried without
/// limit, never dead-lettered) from failures of the work itself (counted, then given up on). A failure is transient when
/// any registered rule says so for the exception or any exception it wraps.
/// </summary>
public sealed class TransientFailureClassifier(IEnumerable<ITransientFailureRule> rules)
{
    private readonly ITransientFailureRule[] _rules = rules.ToArray();

    public bool IsTransient(Exception exception) => exception switch
    {
        _ when _rules.Any(r => r.IsTransient(exception)) => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
