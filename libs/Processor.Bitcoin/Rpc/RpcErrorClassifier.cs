using System.Net;

namespace Processor.Bitcoin.Rpc;

/// <summary>Maps the node's JSON-RPC error codes and HTTP statuses to <see cref="RpcErrorKind"/> (codes from Bitcoin Core's protocol.h).</summary>
internal static class RpcErrorClassifier
{
    private const int MiscError = -1;
    private const int InvalidAddressOrKey = -5;
    private const int ClientNotConnected = -9;
    private const int ClientInInitialDownload = -10;
    private const int VerifyRejected = -26;
    private const int VerifyAlreadyInChain = -27;
    private const int InWarmup = -28;

    public static RpcErrorKind FromCode(int code, string message) => code switch
    {
        InWarmup or ClientNotConnected or ClientInInitialDownload => RpcErrorKind.Transient,
        InvalidAddressOrKey => RpcErrorKind.NotFound,
        VerifyAlreadyInChain => RpcErrorKind.AlreadyKnown,
        VerifyRejected or MiscError when IsAlreadyKnownReason(message) => RpcErrorKind.AlreadyKnown,
        _ => RpcErrorKind.Rejected,
    };

    /// <summary>Whether a mempool reject reason says the transaction is already there (or already confirmed).</summary>
    public static bool IsAlreadyKnownReason(string? reason) =>
        reason is not null
        && (reason.Contains("txn-already-in-mempool", StringComparison.Ordinal)
            || reason.Contains("txn-already-known", StringComparison.Ordinal)
            || reason.Contains("already in block chain", StringComparison.OrdinalIgnoreCase));

    /// <summary>The kind of an HTTP failure that carried no JSON-RPC error.</summary>
    public static RpcErrorKind FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => RpcErrorKind.Rejected,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => RpcErrorKind.Transient,
        >= HttpStatusCode.InternalServerError => RpcErrorKind.Transient,
        _ => RpcErrorKind.MalformedAnswer,
    };
}
