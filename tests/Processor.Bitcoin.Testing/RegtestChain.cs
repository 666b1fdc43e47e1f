using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Transactions;
using Processor.Embedded.Litecoin;
using Xunit;

namespace Processor.Bitcoin.Testing;

/// <summary>
/// A litecoind regtest node of one test class (a class fixture), with a funded wallet. Not the process-wide shared node: the
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

    /// <summary>The network the node runs.</summary>
    public static BitcoinNetwork Network => BitcoinNetwork.LitecoinRegtest;

    /// <summary>Mines a block and returns the (parsed, verified) block the transaction ended up in: other tests mine too.</summary>
    public async Task<Block> MineBlockWithAsync(string txid, CancellationToken cancellationToken)
    {
        await Node.MineAsync(1, cancellationToken: cancellationToken);
        var info = await Node.Rpc.CallAsync("getrawtransaction", [txid, true], cancellationToken);
        var hash = info.GetProperty("blockhash").GetString()!;
        var block = Block.Parse(await Node.Rpc.GetBlockAsync(hash, cancellationToken));
        Assert.Equal(Hash256.Parse(hash), block.Hash);
        block.Verify(Network);
        Assert.Equal(WitnessCommitmentStatus.Valid, WitnessCommitment.Check(block));
        return block;
    }

    /// <summary>
    /// Deposits <paramref name="satoshis"/> from the wallet to the network key's address of <paramref name="kind"/>, mines it, and
    /// returns an unsigned transaction spending that output back to the wallet (fee 10,000 sat), with the spent output.
    /// </summary>
    public async Task<(Transaction Unsigned, TxOut Spent)> UnsignedSpendOfDepositAsync(
        byte[] networkKey, AddressKind kind, long satoshis, CancellationToken cancellationToken)
    {
        var txid = await Node.SendAsync(AddressKinds.Address(networkKey, kind, Network), satoshis, null, cancellationToken);
        var deposit = (await MineBlockWithAsync(txid, cancellationToken)).Transactions.Single(t => t.Txid.ToString() == txid);
        var index = deposit.Outputs.ToList().FindIndex(o => o.ScriptPubKey.Span.SequenceEqual(AddressKinds.ScriptPubKey(networkKey, kind)));
        var spent = deposit.Outputs[index];
        var payTo = BitcoinAddress.ToScriptPubKey(await Node.GetNewAddressAsync(cancellationToken), Network);
        var unsigned = Transaction.Create(
            2, [new TxIn(new OutPoint(deposit.Txid, (uint)index), ReadOnlyMemory<byte>.Empty, TxIn.FinalSequence, Witness.Empty)],
            [new TxOut(spent.Value - 10_000, payTo)], 0);
        return (unsigned, spent);
    }
}
