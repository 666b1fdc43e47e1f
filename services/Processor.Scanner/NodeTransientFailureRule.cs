using Processor.Bitcoin.Rpc;
using Processor.Hosting.Failures;

namespace Processor.Scanner;

/// <summary>
/// The node's own "try again later" answers (warming up, -28; not connected; initial block download) and its transport
/// failures, as the RPC client classifies them: retried without limit, never taken for a handler's fault. It belongs to
/// the Bitcoin network plug-in's registration once the scanner is network-generic.
/// </summary>
public sealed class NodeTransientFailureRule : ITransientFailureRule
{
    public bool IsTransient(Exception exception) => exception is BitcoinRpcException { Kind: RpcErrorKind.Transient };
}
