namespace Processor.Bitcoin.Rpc;

/// <summary>What a failed node call means for the caller, which decides whether trying again can help.</summary>
public enum RpcErrorKind
{
    /// <summary>The node could not be reached, timed out, was busy or warming up: retried, and worth retrying later.</summary>
    Transient,

    /// <summary>The node answered, but not with a JSON-RPC answer of the expected shape (garbage, a proxy's page): retried.</summary>
    MalformedAnswer,

    /// <summary>The node refused the request (invalid transaction, bad parameter, wrong credentials): retrying cannot help.</summary>
    Rejected,

    /// <summary>The transaction is already in the mempool or the chain: for a broadcast this is success.</summary>
    AlreadyKnown,

    /// <summary>The block or transaction asked for is not known to the node.</summary>
    NotFound,
}
