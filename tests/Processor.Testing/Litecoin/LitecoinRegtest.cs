using Processor.Embedded.Litecoin;

namespace Processor.Testing.Litecoin;

/// <summary>
/// The litecoind regtest node shared by the tests of one process (xUnit-independent): started on first use, with a funded
/// wallet, and stopped (its folder deleted) when the process exits. Tests sharing it must not assume heights or rewrite
/// the chain; those start their own <see cref="LitecoinNode"/>.
/// </summary>
public static class LitecoinRegtest
{
    private static readonly Lazy<LitecoinNode> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared node (starts it on first use; blocks until it answers and its wallet has spendable coins).</summary>
    public static LitecoinNode Node => Shared.Value;

    private static LitecoinNode Start()
    {
        var node = LitecoinNode.StartAsync().GetAwaiter().GetResult();
        ExitCleanup.Register("the shared litecoind node", node.Dispose);
        node.FundWalletAsync().GetAwaiter().GetResult();
        return node;
    }
}
