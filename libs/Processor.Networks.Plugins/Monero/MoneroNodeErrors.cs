using Processor.Monero.Rpc;

namespace Processor.Networks.Plugins.Monero;

/// <summary>A node failure is transient when the client would retry it: unreachable, timed out, busy, 5xx, garbage.</summary>
public sealed class MoneroNodeErrors : INodeErrorClassifier
{
    public bool IsTransient(Exception failure) => failure is MoneroRpcException { IsRetryable: true };
}
