using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Processor.Monero.Rpc;

/// <summary>
/// HTTP to a Monero RPC server (monerod or monero-wallet-rpc): JSON-RPC 2.0 calls on <c>/json_rpc</c> and the plain JSON
/// endpoints (<c>/get_transactions</c>, …). Each call is tried up to <see cref="MoneroRpcOptions.MaxAttempts"/> times with a
/// doubling back-off when it fails transiently or the answer is malformed; other failures are thrown at once. Every failure is
/// a <see cref="MoneroRpcException"/> saying which kind it is.
/// </summary>
public sealed class MoneroRpcTransport : IDisposable
{
    // A block is at most a few MB, twice that as hex; anything far larger is not an answer but a runaway stream.
    private const long MaxAnswerBytes = 64L * 1024 * 1024;
    private const int SnippetLength = 120;

    private readonly MoneroRpcOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly string _displayRoot;
    private readonly TimeProvider _time;
    private readonly MoneroRpcRetryCallback? _onRetry;
    private long _nextId;

    /// <param name="options">Where the server is; <see cref="MoneroRpcOptions.Url"/> is required.</param>
    /// <param name="time">Clock for the back-off (the system clock by default).</param>
    /// <param name="onRetry">Told about each failed attempt that will be retried.</param>
    public MoneroRpcTransport(MoneroRpcOptions options, TimeProvider? time = null, MoneroRpcRetryCallback? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = options.Url ?? throw new ArgumentException(MoneroRpcOptions.UrlRequiredMessage, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        if (url.UserInfo.Length > 0)
        {
            throw new ArgumentException("Put the RPC credentials in User and Password, not in the URL (they would be printed in errors).", nameof(options));
        }

        _options = options;
        _root = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        _displayRoot = _root.ToString();
        _time = time ?? TimeProvider.System;
        _onRetry = onRetry;
        // monerod's --rpc-login answers with an HTTP digest challenge, which the handler completes from these credentials.
        var handler = new SocketsHttpHandler();
        if (options.User.Length > 0 || options.Password.Length > 0)
        {
            handler.Credentials = new NetworkCredential(options.User, options.Password);
        }

        // The per-attempt timeout is ours (a linked token), so that it can be told apart from the caller's cancellation.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxAnswerBytes };
    }

    /// <summary>
    /// Calls <paramref name="method"/> on <c>/json_rpc</c> and reads its <c>result</c> with <paramref name="read"/>; a read that
    /// fails on the answer's shape (<see cref="FormatException"/>, a missing property, …) is a <see cref="MoneroRpcErrorKind.MalformedAnswer"/>.
    /// </summary>
    public Task<T> CallJsonRpcAsync<T>(string method, JsonObject? parameters, Func<JsonElement, T> read, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(read);
        return WithRetriesAsync(method, async () =>
        {
            var request = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = Interlocked.Increment(ref _nextId),
                ["method"] = method,
                ["params"] = parameters?.DeepClone() ?? new JsonObject(),
            };
            var (response, body) = await PostAsync(method, "json_rpc", request, cancellationToken);
            return JsonRpcResult(method, response, body);
        }, read);
    }

    /// <summary>Posts <paramref name="body"/> to the plain JSON endpoint <paramref name="path"/> and reads the answer with <paramref name="read"/>.</summary>
    public Task<T> CallPathAsync<T>(string path, JsonObject body, Func<JsonElement, T> read, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(read);
        return WithRetriesAsync(path, async () =>
        {
            var (response, answer) = await PostAsync(path, path, body, cancellationToken);
            return PlainResult(path, response, answer);
        }, read);
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> WithRetriesAsync<T>(string method, Func<Task<JsonElement>> send, Func<JsonElement, T> read)
    {
        var backoff = _options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await send();
                try
                {
                    return read(result);
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or OverflowException or ArgumentException)
                {
                    throw new MoneroRpcException(
                        MoneroRpcErrorKind.MalformedAnswer, method, $"the answer is not what {method} returns: {ex.Message}", innerException: ex);
                }
            }
            catch (MoneroRpcException ex) when (ex.IsRetryable && attempt < _options.MaxAttempts)
            {
                _onRetry?.Invoke(ex, attempt, backoff);
                await Task.Delay(backoff, _time);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
            catch (MoneroRpcException ex)
            {
                ex.Attempts = attempt;
                throw;
            }
        }
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> PostAsync(
        string method, string path, JsonObject request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_root, path))
        {
            Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.RequestTimeout);
        try
        {
            var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attempt.Token);
            return (response, await response.Content.ReadAsByteArrayAsync(attempt.Token));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MoneroRpcException(
                MoneroRpcErrorKind.Transient, method, $"the node did not answer within {_options.RequestTimeout.TotalSeconds:0.###} s", innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new MoneroRpcException(MoneroRpcErrorKind.Transient, method, $"the node is unreachable at {_displayRoot}: {ex.Message}", innerException: ex);
        }
    }

    private static JsonElement JsonRpcResult(string method, HttpResponseMessage response, byte[] body)
    {
        using (response)
        {
            var root = ParseObject(method, response, body);
            // A JSON-RPC error says more than the HTTP status it came with.
            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw ToException(method, error, body);
            }

            EnsureSuccessStatus(method, response, body);
            return root.TryGetProperty("result", out var result)
                ? result
                : throw new MoneroRpcException(MoneroRpcErrorKind.MalformedAnswer, method, $"the answer has no result: {Snippet(body)}");
        }
    }

    private static JsonElement PlainResult(string method, HttpResponseMessage response, byte[] body)
    {
        using (response)
        {
            EnsureSuccessStatus(method, response, body);
            return ParseObject(method, response, body);
        }
    }

    private static void EnsureSuccessStatus(string method, HttpResponseMessage response, byte[] body)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new MoneroRpcException(
                MoneroRpcErrorClassifier.FromHttpStatus(response.StatusCode), method, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Snippet(body)}");
        }
    }

    /// <summary>The answer's JSON object (cloned, so that it outlives the document), or the classified failure.</summary>
    private static JsonElement ParseObject(string method, HttpResponseMessage response, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            EnsureSuccessStatus(method, response, body);
            throw new MoneroRpcException(MoneroRpcErrorKind.MalformedAnswer, method, $"the answer is not JSON: {Snippet(body)}");
        }

        EnsureSuccessStatus(method, response, body);
        throw new MoneroRpcException(MoneroRpcErrorKind.MalformedAnswer, method, $"the answer is not a JSON object: {Snippet(body)}");
    }

    private static MoneroRpcException ToException(string method, JsonElement error, byte[] body)
    {
        if (error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("code", out var codeElement) && codeElement.TryGetInt32(out var code))
        {
            var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            return new MoneroRpcException(MoneroRpcErrorClassifier.FromCode(code, text), method, text, code);
        }

        return new MoneroRpcException(MoneroRpcErrorKind.MalformedAnswer, method, $"the error is not a JSON-RPC error: {Snippet(body)}");
    }

    /// <summary>The start of an answer, printable, for messages (a garbage answer may hold anything).</summary>
    private static string Snippet(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty)";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, SnippetLength * 4));
        var printable = new string(text.Select(c => char.IsControl(c) ? '.' : c).Take(SnippetLength).ToArray());
        return body.Length > printable.Length ? $"'{printable}…' ({body.Length} bytes)" : $"'{printable}'";
    }
}

/// <summary>Called before each retry of a failed call, e.g. to log it and report it in health.</summary>
/// <param name="failure">What went wrong in the attempt.</param>
/// <param name="attempt">The number of the attempt that failed (1-based).</param>
/// <param name="delay">How long the transport waits before the next attempt.</param>
public delegate void MoneroRpcRetryCallback(MoneroRpcException failure, int attempt, TimeSpan delay);
