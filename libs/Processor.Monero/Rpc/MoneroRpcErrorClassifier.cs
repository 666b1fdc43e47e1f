using System.Net;
using System.Text.Json;

namespace Processor.Monero.Rpc;

/// <summary>
/// Maps monerod's JSON-RPC error codes (<c>core_rpc_server_error_codes.h</c>), HTTP statuses and the <c>status</c> field of
/// its answers to <see cref="MoneroRpcErrorKind"/>.
/// </summary>
public static class MoneroRpcErrorClassifier
{
    private const int TooBigHeight = -2;
    private const int InternalError = -5;
    private const int CoreBusy = -9;
    private const string StatusOk = "OK";
    private const string StatusBusy = "BUSY";

    /// <summary>The kind of a JSON-RPC error.</summary>
    public static MoneroRpcErrorKind FromCode(int code, string message) => code switch
    {
        CoreBusy => MoneroRpcErrorKind.Transient,
        TooBigHeight => MoneroRpcErrorKind.NotFound,
        // get_block of an unknown hash: "Internal error: can't get block by hash".
        InternalError when message.Contains("can't get block", StringComparison.OrdinalIgnoreCase) => MoneroRpcErrorKind.NotFound,
        _ => MoneroRpcErrorKind.Rejected,
    };

    /// <summary>The kind of an HTTP failure.</summary>
    public static MoneroRpcErrorKind FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound => MoneroRpcErrorKind.Rejected,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => MoneroRpcErrorKind.Transient,
        >= HttpStatusCode.InternalServerError => MoneroRpcErrorKind.Transient,
        _ => MoneroRpcErrorKind.MalformedAnswer,
    };

    /// <summary>
    /// Throws unless the answer's <c>status</c> is <c>OK</c>: <c>BUSY</c> (the node is syncing or saving) is transient, anything
    /// else (<c>Failed</c>, <c>PAYMENT REQUIRED</c>, …) a refusal. An answer without a status is malformed.
    /// </summary>
    public static void EnsureStatusOk(string method, JsonElement answer)
    {
        var status = Status(answer);
        switch (status)
        {
            case StatusOk:
                return;
            case StatusBusy:
                throw new MoneroRpcException(MoneroRpcErrorKind.Transient, method, "the node is busy");
            default:
                throw new MoneroRpcException(MoneroRpcErrorKind.Rejected, method, $"the node answered status '{status}'");
        }
    }

    /// <summary>The answer's <c>status</c> field.</summary>
    /// <exception cref="FormatException">The answer has no status.</exception>
    public static string Status(JsonElement answer) =>
        answer.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            ? status.GetString()!
            : throw new FormatException("the answer has no status");

    /// <summary>Whether the status says the node is busy (retry later).</summary>
    public static bool IsBusy(string status) => status == StatusBusy;

    /// <summary>Whether the status is <c>OK</c>.</summary>
    public static bool IsOk(string status) => status == StatusOk;
}
