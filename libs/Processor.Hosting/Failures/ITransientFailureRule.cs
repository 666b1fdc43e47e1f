namespace Processor.Hosting.Failures;

/// <summary>
/// One rule of the <see cref="TransientFailureClassifier"/>: does this exception (one link of a failure's chain) say the
/// infrastructure is unavailable for now, rather than that the work itself is wrong? Register rules with
/// <c>services.AddTransientFailureRule&lt;T&gt;()</c>: a library or a network plug-in adds those for its own dependencies.
/// </summary>
public interface ITransientFailureRule
{
    bool IsTransient(Exception exception);
}
