namespace Processor.Monero.Rpc;

/// <summary>A Monero RPC call that failed, classified by <see cref="Kind"/>; the message names the method and the reason.</summary>
public sealed class MoneroRpcException : Exception
{
    public MoneroRpcException()
    {
    }

    public MoneroRpcException(string message)
        : base(message)
    {
    }

    public MoneroRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MoneroRpcException(MoneroRpcErrorKind kind, string method, string reason, int? code = null, Exception? innerException = null)
        : base(Describe(method, reason, code), innerException)
    {
        Kind = kind;
        Method = method;
        Code = code;
    }

    /// <summary>How the failure is classified.</summary>
    public MoneroRpcErrorKind Kind { get; }

    /// <summary>The RPC method (or path) that failed.</summary>
    public string Method { get; } = "";

    /// <summary>The JSON-RPC error code, when the node answered with one (e.g. -2 height too big, -9 busy).</summary>
    public int? Code { get; }

    /// <summary>How many times the call was tried before this failure was given up on (set by the transport).</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>Whether the transport retries this kind of failure.</summary>
    public bool IsRetryable => Kind is MoneroRpcErrorKind.Transient or MoneroRpcErrorKind.MalformedAnswer;

    private static string Describe(string method, string reason, int? code) =>
        code is { } c ? $"{method}: {reason} (RPC error {c})" : $"{method}: {reason}";
}
