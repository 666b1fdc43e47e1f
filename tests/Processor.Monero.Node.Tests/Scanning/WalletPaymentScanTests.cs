using Processor.Crypto.Groups;
using Processor.Monero.Blocks;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Scanning;
using Processor.Monero.Transactions;

namespace Processor.Monero.Node.Tests.Scanning;

/// <summary>
/// The view-key scanner on blocks of the regtest chain with real monero-wallet-rpc payments: it finds what wallet2 paid to
/// keys it knows, with the exact amount and payment id, and nothing else.
/// </summary>
public sealed class WalletPaymentScanTests(RegtestFixture chain)
{
    private const ulong IntegratedAmount = 1_100_000_000_000;
    private const ulong SubaddressAmount = 2_200_000_000_000;
    private static readonly byte[] PaymentId = Convert.FromHexString("1122334455667788");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PaymentsToAnIntegratedAddressAndASubaddress_AreFound_WithAmountsPaymentIdsAndGlobalIndices()
    {
        var (subaddress, minor) = await chain.Bob.CreateSubaddressAsync(0, Cancel);
        await chain.Alice.RefreshAsync(Cancel);
        var (integratedTx, _) = await chain.Alice.TransferAsync([(await chain.Bob.MakeIntegratedAddressAsync("1122334455667788", Cancel), IntegratedAmount)], Cancel);
        var (subaddressTx, _) = await chain.Alice.TransferAsync([(subaddress, SubaddressAmount)], Cancel);
        var heights = await chain.Node.MineUntilMinedAsync([integratedTx, subaddressTx], cancellationToken: Cancel);
        using var keys = await BobsKeysAsync();
        using var scanner = keys.Scanner([new SubaddressIndex(0, minor)]);

        var found = new List<ReceivedOutput>();
        foreach (var height in heights.Distinct())
        {
            found.AddRange(scanner.Scan(await BlockTransactionsAsync(height)));
        }

        // Other tests pay Bob too: only these two transactions are this test's.
        var toIntegrated = Assert.Single(found, o => o.TransactionHash == integratedTx);
        var toSubaddress = Assert.Single(found, o => o.TransactionHash == subaddressTx);
        Assert.Equal((SubaddressIndex.Primary, IntegratedAmount), (toIntegrated.Subaddress, toIntegrated.Amount));
        Assert.Equal(PaymentId, toIntegrated.PaymentId);
        Assert.Equal((new SubaddressIndex(0, minor), SubaddressAmount), (toSubaddress.Subaddress, toSubaddress.Amount));
        // wallet2 puts an encrypted dummy payment id of zeros in every two-output transaction.
        Assert.Equal(new byte[8], toSubaddress.PaymentId);
        foreach (var output in new[] { toIntegrated, toSubaddress })
        {
            var node = (await chain.Node.Rpc.GetTransactionsAsync([output.TransactionHash], Cancel))[0];
            Assert.Equal(node.OutputIndices[output.IndexInTransaction], output.GlobalIndex);
            var onChain = (await chain.Node.Rpc.GetOutputsAsync([output.GlobalIndex], Cancel))[0];
            Assert.Equal(output.Key.ToArray(), onChain.Key);
            Assert.Equal(PedersenCommitment.Commit(output.CommitmentMask, output.Amount).ToArray(), onChain.Commitment);
            using var outputSecret = keys.SpendSecret + output.KeyOffset;
            Assert.Equal(output.Key, EdwardsPoint.MultiplyBase(outputSecret));
            Assert.Null(output.Data);
        }
    }

    [Fact]
    public async Task SubaddressNotInTheTable_AndOtherWallets_AreIgnored()
    {
        var (subaddress, _) = await chain.Bob.CreateSubaddressAsync(0, Cancel);
        var (txHash, height) = await chain.PayAndMineAsync([(subaddress, 3_000_000_000)], Cancel);
        using var keys = await BobsKeysAsync();
        using var scanner = keys.Scanner([]);
        using var otherViewKey = SeraiViewKey.Derive();
        using var stranger = new ViewKeyScanner(otherViewKey, new SubaddressTable(keys.SpendKey, otherViewKey, [new SubaddressIndex(0, 1)]));

        var transactions = await BlockTransactionsAsync(height);

        Assert.Contains(transactions, t => t.Hash == txHash);
        Assert.DoesNotContain(scanner.Scan(transactions), o => o.TransactionHash == txHash);
        Assert.Empty(stranger.Scan(transactions));
    }

    [Fact]
    public async Task CoinbaseToTheWallet_IsNotReported()
    {
        var height = (await chain.Node.MineAsync(1, await chain.Bob.GetAddressAsync(Cancel), Cancel)).TipHeight;
        using var keys = await BobsKeysAsync();
        using var scanner = keys.Scanner([]);
        var block = MoneroBlock.Parse((await chain.Node.Rpc.GetBlockAsync(height, Cancel)).Blob);
        var miner = (await chain.Node.Rpc.GetTransactionsAsync([Convert.ToHexStringLower(block.MinerTransaction.Hash())], Cancel))[0];

        var coinbase = ScannableTransaction.From(block.MinerTransaction, miner.OutputIndices);

        Assert.True(coinbase.IsCoinbase);
        Assert.Empty(scanner.Scan(coinbase));
        Assert.Single(scanner.Scan(coinbase with { IsCoinbase = false, UnlockTime = 0 }));
    }

    /// <summary>The miner transaction and every other transaction of the block at <paramref name="height"/>, as a scan reads them.</summary>
    private async Task<List<ScannableTransaction>> BlockTransactionsAsync(long height)
    {
        var block = MoneroBlock.Parse((await chain.Node.Rpc.GetBlockAsync(height, Cancel)).Blob);
        var hashes = block.TransactionHashes.Select(Convert.ToHexStringLower).Prepend(Convert.ToHexStringLower(block.MinerTransaction.Hash())).ToList();
        var transactions = await chain.Node.Rpc.GetTransactionsAsync(hashes, Cancel);
        return [.. transactions.Select(t => ScannableTransaction.From(MoneroTransaction.Parse(t.Blob), t.OutputIndices))];
    }

    private async Task<WalletKeysOf> BobsKeysAsync() => new(MoneroScalars.Decode(await chain.Bob.GetPrivateSpendKeyAsync(Cancel)));

    /// <summary>A wallet's keys from its private spend key, as wallet2 relates them.</summary>
    private sealed class WalletKeysOf(Scalar spendSecret) : IDisposable
    {
        private readonly Scalar _viewSecret = WalletKeys.ViewSecretFromSpendSecret(spendSecret);

        public Scalar SpendSecret => spendSecret;

        public EdwardsPoint SpendKey { get; } = EdwardsPoint.MultiplyBase(spendSecret);

        public ViewKeyScanner Scanner(IEnumerable<SubaddressIndex> subaddresses) =>
            new(_viewSecret, new SubaddressTable(SpendKey, _viewSecret, subaddresses));

        public void Dispose()
        {
            _viewSecret.Dispose();
            spendSecret.Dispose();
        }
    }
}
