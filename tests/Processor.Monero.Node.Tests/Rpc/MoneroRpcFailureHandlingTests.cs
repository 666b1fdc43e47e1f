using Processor.Bitcoin.Tests.Rpc;
using Processor.Monero.Rpc;

namespace Processor.Monero.Node.Tests.Rpc;

/// <summary>
/// The monerod client against a scripted HTTP server that answers garbage, busy, errors or nothing: every failure is
/// classified, transient ones and malformed answers are retried, and send_raw_transaction verdicts are classified.
/// (The real node is tested in <see cref="MoneroRpcClientNodeTests"/>.)
/// </summary>
public sealed class MoneroRpcFailureHandlingTests
{
    private const int Attempts = 3;

    private readonly List<MoneroRpcErrorKind> _retries = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GarbageAnswer_IsRetried_ThenReportedAsMalformed()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(200, "<html>502 upstream gone</html>"));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => client.GetBlockCountAsync(Cancel));

        Assert.Equal((MoneroRpcErrorKind.MalformedAnswer, Attempts, Attempts), (error.Kind, error.Attempts, server.Requests));
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal([MoneroRpcErrorKind.MalformedAnswer, MoneroRpcErrorKind.MalformedAnswer], _retries);
    }

    [Fact]
    public async Task BusyNode_IsRetried_UntilItAnswers()
    {
        await using var server = ScriptedHttpServer.Start(Reply.Result("""{"status":"BUSY"}"""), Reply.Result("""{"count":7,"status":"OK"}"""));
        using var client = Client(server.Url);

        Assert.Equal(7, await client.GetBlockCountAsync(Cancel));
        Assert.Equal([MoneroRpcErrorKind.Transient], _retries);
    }

    [Theory]
    [InlineData("""{"count":"seven","status":"OK"}""")]
    [InlineData("""{"status":"OK"}""")]
    [InlineData("null")]
    public async Task ResultOfTheWrongShape_IsMalformed(string result)
    {
        await using var server = ScriptedHttpServer.Start(Reply.Result(result));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => client.GetBlockCountAsync(Cancel));

        Assert.Equal(MoneroRpcErrorKind.MalformedAnswer, error.Kind);
    }

    [Fact]
    public async Task JsonRpcError_IsRejected_WithoutRetries_EvenUnderAnHttpError()
    {
        await using var server = ScriptedHttpServer.Start(Reply.Error(-1, "Failed to parse hex representation"));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => client.GetBlockAsync(new string('a', 64), Cancel));

        Assert.Equal((MoneroRpcErrorKind.Rejected, -1, 1), (error.Kind, error.Code, server.Requests));
    }

    [Fact]
    public async Task Unauthorized_IsRejected()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(401, ""));
        using var client = Client(server.Url);

        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => client.GetInfoAsync(Cancel));

        Assert.Equal((MoneroRpcErrorKind.Rejected, 1), (error.Kind, server.Requests));
        Assert.Contains("HTTP 401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentNode_TimesOut_AsTransient()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Silence());
        using var client = Client(server.Url, TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => client.GetInfoAsync(Cancel));

        Assert.Equal((MoneroRpcErrorKind.Transient, Attempts), (error.Kind, error.Attempts));
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":"OK","not_relayed":false,"double_spend":false}""", MoneroBroadcastOutcome.Accepted, "")]
    [InlineData("""{"status":"OK","not_relayed":true,"reason":"Not relayed"}""", MoneroBroadcastOutcome.AlreadyKnown, "")]
    [InlineData("""{"status":"Failed","double_spend":true,"invalid_input":false,"reason":""}""", MoneroBroadcastOutcome.DoubleSpend, "double_spend")]
    [InlineData("""{"status":"Failed","invalid_input":true,"fee_too_low":true,"reason":"fee too low"}""", MoneroBroadcastOutcome.Invalid, "invalid_input,fee_too_low")]
    public async Task BroadcastVerdicts_AreClassified_WithTheirFlags(string answer, MoneroBroadcastOutcome outcome, string flags)
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(200, answer));
        using var client = Client(server.Url);

        var broadcast = await client.SendRawTransactionAsync(new byte[] { 2, 0 }, Cancel);

        Assert.Equal(outcome, broadcast.Outcome);
        Assert.Equal(flags, string.Join(',', broadcast.Flags));
        Assert.Equal(outcome is MoneroBroadcastOutcome.Accepted or MoneroBroadcastOutcome.AlreadyKnown, broadcast.IsSuccess);
    }

    [Fact]
    public async Task BroadcastToABusyNode_IsRetried()
    {
        await using var server = ScriptedHttpServer.Start(new Reply.Http(200, """{"status":"BUSY"}"""), new Reply.Http(200, """{"status":"OK"}"""));
        using var client = Client(server.Url);

        var broadcast = await client.SendRawTransactionAsync(new byte[] { 2, 0 }, Cancel);

        Assert.Equal(MoneroBroadcastOutcome.Accepted, broadcast.Outcome);
        Assert.Equal(2, server.Requests);
    }

    private MoneroRpcClient Client(Uri url, TimeSpan? timeout = null) => new(
        new MoneroRpcOptions
        {
            Url = url,
            MaxAttempts = Attempts,
            InitialBackoff = TimeSpan.FromMilliseconds(1),
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        },
        onRetry: (failure, _, _) => _retries.Add(failure.Kind));
}
