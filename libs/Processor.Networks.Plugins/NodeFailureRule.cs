using Processor.Hosting.Failures;
using Processor.Networks;

namespace Processor.Networks.Plugins;

/// <summary>
/// The configured network's node failures that its client would retry (unreachable, timed out, warming up, 5xx) count as
/// transient for every service: retried without limit, never taken for a handler's fault.
/// </summary>
public sealed class NodeFailureRule(INodeErrorClassifier node) : ITransientFailureRule
{
    public bool IsTransient(Exception exception) => node.IsTransient(exception);
}
