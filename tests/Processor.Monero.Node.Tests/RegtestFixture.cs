using Processor.Monero.Testing;

[assembly: AssemblyFixture(typeof(Processor.Monero.Node.Tests.RegtestFixture))]

namespace Processor.Monero.Node.Tests;

/// <summary>
/// The regtest chain every test class of this assembly shares (starting one costs seconds, funding one ~7 s): a monerod, a
/// funded wallet <see cref="Alice"/> that pays, and a wallet <see cref="Bob"/> that receives. Tests assume nothing about
/// heights or balances beyond what they cause themselves.
/// </summary>
public sealed class RegtestFixture : IAsyncLifetime
{
    private MonerodNode? _node;
    private MoneroWallet? _alice;
    private MoneroWallet? _bob;

    public MonerodNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    /// <summary>A wallet with spendable coinbase outputs.</summary>
    public MoneroWallet Alice => _alice ?? throw new InvalidOperationException("The node has not started.");

    /// <summary>A wallet that only receives.</summary>
    public MoneroWallet Bob => _bob ?? throw new InvalidOperationException("The node has not started.");

    public async ValueTask InitializeAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        _node = await MonerodNode.StartAsync(cancel);
        var wallets = await Task.WhenAll(_node.CreateWalletAsync("alice", cancel), _node.CreateWalletAsync("bob", cancel));
        (_alice, _bob) = (wallets[0], wallets[1]);
        await _alice.FundAsync(cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>
    /// Alice pays <paramref name="destinations"/> in one transaction, which is mined; returns its id and the height of its block.
    /// </summary>
    public async Task<(string TxHash, long Height)> PayAndMineAsync(IReadOnlyList<(string Address, ulong Amount)> destinations, CancellationToken cancellationToken)
    {
        await Alice.RefreshAsync(cancellationToken);
        var (txHash, _) = await Alice.TransferAsync(destinations, cancellationToken);
        return (txHash, (await Node.MineUntilMinedAsync([txHash], cancellationToken: cancellationToken))[0]);
    }
}
