using Processor.Embedded.Litecoin;

namespace Processor.Bitcoin.Tests.Interop;

/// <summary>
/// A litecoind regtest node of the interop tests' own, with a funded wallet. Not the process-wide shared node: the
/// wallet's fund-sign-send is not atomic, so deposits from tests running in parallel could pick the same coins.
/// </summary>
public sealed class RegtestChain : IAsyncLifetime
{
    private LitecoinNode? _node;

    public LitecoinNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public async ValueTask InitializeAsync()
    {
        _node = await LitecoinNode.StartAsync(TestContext.Current.CancellationToken);
        await _node.FundWalletAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
