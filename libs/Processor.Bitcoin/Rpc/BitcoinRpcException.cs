namespace Processor.Bitcoin.Rpc;

/// <summary>A node call that failed, classified by <see cref="Kind"/>; the message names the method and the reason.</summary>
public sealed class BitcoinRpcException : Exception
{
    public BitcoinRpcException()
    {
    }

    public BitcoinRpcException(string message)
        : base(message)
    {
    }

    public BitcoinRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BitcoinRpcException(RpcErrorKind kind, string method, string reason, int? code = null, Exception? innerException = null)
        : base(Describe(method, reason, code), innerException)
    {
        Kind = kind;
        Method = method;
        Code = code;
    }

    /// <summary>How the failure is classified.</summary>
    public RpcErrorKind Kind { get; }

    /// <summary>The RPC method that failed.</summary>
    public string Method { get; } = "";

    /// <summary>The node's JSON-RPC error code, when it answered with one (e.g. -26 rejected, -27 already in chain).</summary>
    public int? Code { get; }

    /// <summary>How many times the call was tried before this failure was given up on (set by the client).</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>Whether the client retries this kind of failure.</summary>
    public bool IsRetryable => Kind is RpcErrorKind.Transient or RpcErrorKind.MalformedAnswer;

    private static string Describe(string method, string reason, int? code) =>
        code is { } c ? $"{method}: {reason} (RPC error {c})" : $"{method}: {reason}";
}
