using Processor.Bitcoin.Rpc;
using Processor.Embedded;

namespace Processor.Bitcoin.Tests.Rpc;

/// <summary>
/// The client against a scripted HTTP server that answers garbage, server errors, JSON-RPC errors or nothing: every failure
/// is classified, transient ones and malformed answers are retried with a doubling back-off, and the final error says what
/// happened. (The real node is tested in <see cref="RpcClientNodeTests"/>.)
/// </summary>
public sealed class RpcFailureHandlingTests
{
    private const int Attempts = 3;

    private readonly List<(RpcErrorKind Kind, int Attempt, TimeSpan Delay)> _retries = [];

    [Fact]
    public async Task GarbageAnswer_IsRetried_ThenReportedAsMalformed()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(200, "<html>502 upstream gone</html>"));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(RpcErrorKind.MalformedAnswer, error.Kind);
        Assert.Equal(Attempts, error.Attempts);
        Assert.Equal(Attempts, server.Requests);
        Assert.Equal("getblockcount", error.Method);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("<html>502 upstream gone</html>", error.Message, StringComparison.Ordinal);
        Assert.Equal([RpcErrorKind.MalformedAnswer, RpcErrorKind.MalformedAnswer], _retries.Select(r => r.Kind));
    }

    [Fact]
    public async Task GarbageThenAValidAnswer_Succeeds_AfterOneRetry()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(200, "\u0001\u0002garbage"), Reply.Result("7"));
        using var client = Client(server.Url);

        Assert.Equal(7, await client.GetBlockCountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, server.Requests);
        Assert.Single(_retries);
    }

    [Theory]
    [InlineData("\"seven\"")]
    [InlineData("null")]
    [InlineData("{\"height\":7}")]
    public async Task ResultOfTheWrongShape_IsMalformed(string result)
    {
        await using var server = ScriptedHttpServer.Start(Reply.Result(result));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(RpcErrorKind.MalformedAnswer, error.Kind);
        Assert.Contains("not what getblockcount returns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedHeader_IsMalformed_NamingTheMethod()
    {
        await using var server = ScriptedHttpServer.Start(Reply.Result("""{"hash":"zz","height":1}"""));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(
            () => client.GetBlockHeaderAsync(new string('a', 64), TestContext.Current.CancellationToken));

        Assert.Equal(RpcErrorKind.MalformedAnswer, error.Kind);
        Assert.StartsWith("getblockheader:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ServerErrorWithoutJsonRpcBody_IsTransient_AndRetried(int status)
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(status, "Internal Server Error"));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBestBlockHashAsync(TestContext.Current.CancellationToken));

        Assert.Equal(RpcErrorKind.Transient, error.Kind);
        Assert.Equal(Attempts, server.Requests);
        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-26, "bad-txns-inputs-missingorspent", RpcErrorKind.Rejected)]
    [InlineData(-22, "TX decode failed", RpcErrorKind.Rejected)]
    [InlineData(-25, "Missing inputs", RpcErrorKind.Rejected)]
    [InlineData(-27, "Transaction already in block chain", RpcErrorKind.AlreadyKnown)]
    [InlineData(-26, "txn-already-in-mempool", RpcErrorKind.AlreadyKnown)]
    [InlineData(-26, "txn-already-known", RpcErrorKind.AlreadyKnown)]
    [InlineData(-5, "No such mempool or blockchain transaction", RpcErrorKind.NotFound)]
    [InlineData(-32601, "Method not found", RpcErrorKind.Rejected)]
    public async Task JsonRpcError_IsClassifiedByItsCode_AndNotRetried(int code, string message, RpcErrorKind expected)
    {
        await using var server = ScriptedHttpServer.Start(Reply.Error(code, message));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(
            () => client.SendRawTransactionAsync(new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken));

        Assert.Equal(expected, error.Kind);
        Assert.Equal(code, error.Code);
        Assert.Equal(1, server.Requests);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(_retries);
    }

    [Fact]
    public async Task NodeWarmingUp_IsRetried_UntilItAnswers()
    {
        await using var server = ScriptedHttpServer.Start(Reply.Error(-28, "Loading block index..."), Reply.Result("12"));
        using var client = Client(server.Url);

        Assert.Equal(12, await client.GetBlockCountAsync(TestContext.Current.CancellationToken));
        Assert.Equal([RpcErrorKind.Transient], _retries.Select(r => r.Kind));
    }

    [Fact]
    public async Task NoAnswer_TimesOut_AsTransient_OnEveryAttempt()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Silence());
        using var client = Client(server.Url, requestTimeout: TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(RpcErrorKind.Transient, error.Kind);
        Assert.Equal(Attempts, server.Requests);
        Assert.Contains("did not answer within 0.2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonHttpBytes_AreTransient()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.RawBytes("SSH-2.0-OpenSSH_9.2\r\n"u8.ToArray()));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(RpcErrorKind.Transient, error.Kind);
        Assert.Equal(Attempts, server.Requests);
    }

    [Fact]
    public async Task NothingListening_IsTransient_Unreachable()
    {
        using var client = Client(new Uri($"http://127.0.0.1:{LoopbackPorts.GetFreePort()}/"));

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(RpcErrorKind.Transient, error.Kind);
        Assert.Equal(Attempts, error.Attempts);
        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedCredentials_AreRejected_WithoutRetry()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(401, ""));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(RpcErrorKind.Rejected, error.Kind);
        Assert.Equal(1, server.Requests);
        Assert.Contains("HTTP 401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backoff_DoublesPerRetry_UpToTheMaximum()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(503, "busy"));
        using var client = Client(server.Url, attempts: 5, maxBackoff: TimeSpan.FromMilliseconds(4));

        await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(TestContext.Current.CancellationToken));

        Assert.Equal([1, 2, 3, 4], _retries.Select(r => r.Attempt));
        Assert.Equal([1, 2, 4, 4], _retries.Select(r => r.Delay.TotalMilliseconds));
    }

    [Fact]
    public async Task CallerCancellation_IsNotAFailureOfTheNode()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Silence());
        using var client = Client(server.Url, requestTimeout: TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetBlockCountAsync(cancel.Token));
        Assert.Empty(_retries);
    }

    private BitcoinRpcClient Client(Uri url, TimeSpan? requestTimeout = null, int attempts = Attempts, TimeSpan? maxBackoff = null) =>
        new(
            new BitcoinRpcOptions
            {
                Url = url,
                User = "u",
                Password = "p",
                MaxAttempts = attempts,
                InitialBackoff = TimeSpan.FromMilliseconds(1),
                MaxBackoff = maxBackoff ?? TimeSpan.FromSeconds(1),
                RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            },
            onRetry: (failure, attempt, delay) =>
            {
                lock (_retries)
                {
                    _retries.Add((failure.Kind, attempt, delay));
                }
            });
}
