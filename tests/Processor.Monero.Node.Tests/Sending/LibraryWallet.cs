using Processor.Crypto.Groups;
using Processor.Monero.Addresses;
using Processor.Monero.Blocks;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Scanning;
using Processor.Monero.Sending;
using Processor.Monero.Transactions;

namespace Processor.Monero.Node.Tests.Sending;

/// <summary>
/// A wallet whose keys only the library holds (a fresh random spend key, wallet2's view key from it): the fixture's
/// wallet funds it, the library's scanner finds the output, and the library spends it.
/// </summary>
internal sealed class LibraryWallet(RegtestFixture chain) : IDisposable
{
    public Scalar SpendSecret { get; } = MoneroScalars.Group.RandomScalar();

    private Scalar ViewSecret => WalletKeys.ViewSecretFromSpendSecret(SpendSecret);

    public MoneroAddress Address => new(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, EdwardsPoint.MultiplyBase(SpendSecret), EdwardsPoint.MultiplyBase(ViewSecret));

    /// <summary>
    /// Alice pays this wallet <paramref name="amount"/>; once mined and 10 blocks deep (spendable), the scanner's output
    /// and the funding transaction's id.
    /// </summary>
    public async Task<(SpendableOutput Output, string FundingTx)> FundAsync(ulong amount, CancellationToken cancellationToken)
    {
        using var viewSecret = ViewSecret;
        return await FundAsync(chain, EdwardsPoint.MultiplyBase(SpendSecret), viewSecret, amount, cancellationToken);
    }

    public void Dispose() => SpendSecret.Dispose();

    /// <summary>
    /// Alice pays the standard address of <paramref name="spendKey"/> and <paramref name="viewSecret"/> (whoever holds the
    /// spend secret, one key or a threshold of shares); once mined and spendable, the scanner's output and the funding
    /// transaction's id.
    /// </summary>
    public static async Task<(SpendableOutput Output, string FundingTx)> FundAsync(
        RegtestFixture chain, EdwardsPoint spendKey, Scalar viewSecret, ulong amount, CancellationToken cancellationToken)
    {
        var address = new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, spendKey, EdwardsPoint.MultiplyBase(viewSecret));
        var (txHash, height) = await chain.PayAndMineAsync([(address.ToString(), amount)], cancellationToken);
        await chain.Node.MineAsync(DecoySelector.SpendableAge, cancellationToken: cancellationToken);
        var block = MoneroBlock.Parse((await chain.Node.Rpc.GetBlockAsync(height, cancellationToken)).Blob);
        var hashes = block.TransactionHashes.Select(Convert.ToHexStringLower).ToList();
        var transactions = await chain.Node.Rpc.GetTransactionsAsync(hashes, cancellationToken);
        using var scanner = new ViewKeyScanner(viewSecret, new SubaddressTable(spendKey, viewSecret, []));
        var found = scanner.Scan(transactions.Select(t => ScannableTransaction.From(MoneroTransaction.Parse(t.Blob), t.OutputIndices)));
        return (SpendableOutput.From(Assert.Single(found)), txHash);
    }
}
