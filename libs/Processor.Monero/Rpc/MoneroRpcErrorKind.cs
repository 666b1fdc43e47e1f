namespace Processor.Monero.Rpc;

/// <summary>What a failed Monero RPC call means for the caller, which decides whether trying again can help.</summary>
public enum MoneroRpcErrorKind
{
    /// <summary>The node could not be reached, timed out or was busy: retried, and worth retrying later.</summary>
    Transient,

    /// <summary>The node answered, but not with an answer of the expected shape (garbage, a proxy's page): retried.</summary>
    MalformedAnswer,

    /// <summary>The node refused the request (bad parameter, wrong credentials, internal refusal): retrying cannot help.</summary>
    Rejected,

    /// <summary>The block, height or transaction asked for is not known to the node.</summary>
    NotFound,
}
