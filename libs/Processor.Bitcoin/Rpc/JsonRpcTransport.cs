using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Processor.Bitcoin.Rpc;

/// <summary>
/// One JSON-RPC 1.0 request to the node over HTTP, and the classification of whatever comes back: a result, a JSON-RPC error,
/// an HTTP failure, no answer in time, or something that is not a JSON-RPC answer at all.
/// </summary>
internal sealed class JsonRpcTransport : IDisposable
{
    // A block is at most 4 MB, 8 MB as hex; anything far larger is not an answer but a runaway stream.
    private const long MaxAnswerBytes = 64L * 1024 * 1024;
    private const int SnippetLength = 120;

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly string _displayUrl;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TimeSpan _timeout;
    private long _nextId;

    public JsonRpcTransport(Uri url, string user, string password, TimeSpan timeout)
    {
        // Credentials written in the URL are sent like the configured ones, and never printed.
        _url = NodeUrl.WithoutCredentials(url);
        _displayUrl = NodeUrl.Redact(url);
        if (user.Length == 0 && password.Length == 0)
        {
            (user, password) = NodeUrl.Credentials(url);
        }

        _timeout = timeout;
        // The per-attempt timeout is ours (a linked token), so that it can be told apart from the caller's cancellation.
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxAnswerBytes };
        if (user.Length > 0 || password.Length > 0)
        {
            var credentials = System.Text.Encoding.UTF8.GetBytes($"{user}:{password}");
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
        }
    }

    /// <summary>Sends one request and returns its <c>result</c>; every failure is a classified <see cref="BitcoinRpcException"/>.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = parameters.DeepClone(),
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = _authorization;

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attempt.Token);
            var body = await response.Content.ReadAsByteArrayAsync(attempt.Token);
            return Interpret(method, response, body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BitcoinRpcException(
                RpcErrorKind.Transient, method, $"the node did not answer within {_timeout.TotalSeconds:0.###} s", innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new BitcoinRpcException(RpcErrorKind.Transient, method, $"the node is unreachable at {_displayUrl}: {ex.Message}", innerException: ex);
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonElement Interpret(string method, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw response.IsSuccessStatusCode
                ? new BitcoinRpcException(RpcErrorKind.MalformedAnswer, method, $"the node's answer is not JSON: {Snippet(body)}")
                : new BitcoinRpcException(
                    RpcErrorClassifier.FromHttpStatus(response.StatusCode), method, $"HTTP {status} {response.ReasonPhrase}: {Snippet(body)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BitcoinRpcException(RpcErrorKind.MalformedAnswer, method, $"the node's answer is not a JSON-RPC object: {Snippet(body)}");
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw ToException(method, error, body);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new BitcoinRpcException(
                    RpcErrorClassifier.FromHttpStatus(response.StatusCode), method, $"HTTP {status} {response.ReasonPhrase}: {Snippet(body)}");
            }

            return root.TryGetProperty("result", out var result)
                ? result.Clone()
                : throw new BitcoinRpcException(RpcErrorKind.MalformedAnswer, method, $"the node's answer has no result: {Snippet(body)}");
        }
    }

    private static BitcoinRpcException ToException(string method, JsonElement error, byte[] body)
    {
        if (error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("code", out var codeElement) && codeElement.TryGetInt32(out var code))
        {
            var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            return new BitcoinRpcException(RpcErrorClassifier.FromCode(code, text), method, text, code);
        }

        return new BitcoinRpcException(RpcErrorKind.MalformedAnswer, method, $"the node's error is not a JSON-RPC error: {Snippet(body)}");
    }

    /// <summary>The start of an answer, printable, for messages (a garbage answer may hold anything).</summary>
    private static string Snippet(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty)";
        }

        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, SnippetLength * 4));
        var printable = new string(text.Select(c => char.IsControl(c) ? '.' : c).Take(SnippetLength).ToArray());
        return body.Length > printable.Length ? $"'{printable}…' ({body.Length} bytes)" : $"'{printable}'";
    }
}
