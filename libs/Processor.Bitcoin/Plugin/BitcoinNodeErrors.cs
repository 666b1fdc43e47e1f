using Processor.Bitcoin.Rpc;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>A node failure is transient when the client would retry it: unreachable, timed out, warming up, 5xx, garbage.</summary>
public sealed class BitcoinNodeErrors : INodeErrorClassifier
{
    public bool IsTransient(Exception failure) => failure is BitcoinRpcException { IsRetryable: true };
}
