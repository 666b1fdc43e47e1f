using Processor.Monero.Rpc;
using Processor.Monero.Testing;

namespace Processor.Monero.Node.Tests.Rpc;

/// <summary>A node of its own that is stopped and started again: an unreachable node is a transient failure, and retries bridge a restart.</summary>
public sealed class NodeOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoppedNode_IsTransient_AndARetryingCallSucceedsOnceItIsBack()
    {
        await using var node = await MonerodNode.StartAsync(Cancel);
        var mined = await node.MineAsync(3, cancellationToken: Cancel);
        await node.StopAsync();
        var options = node.CreateRpcOptions();
        options.MaxAttempts = 1;
        using var impatient = new MoneroRpcClient(options);

        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => impatient.GetBlockCountAsync(Cancel));
        Assert.Equal(MoneroRpcErrorKind.Transient, error.Kind);
        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);

        var retries = new List<MoneroRpcException>();
        var patientOptions = node.CreateRpcOptions();
        patientOptions.MaxAttempts = 60;
        patientOptions.InitialBackoff = TimeSpan.FromMilliseconds(100);
        patientOptions.MaxBackoff = TimeSpan.FromMilliseconds(500);
        using var patient = new MoneroRpcClient(patientOptions, onRetry: (failure, _, _) => retries.Add(failure));
        var call = patient.GetBlockAsync(mined.TipHeight, Cancel);
        await node.StartAgainAsync(Cancel);

        Assert.Equal(mined.Hashes[^1], (await call).Hash);
        Assert.NotEmpty(retries);
        Assert.All(retries, r => Assert.Equal(MoneroRpcErrorKind.Transient, r.Kind));
    }
}
