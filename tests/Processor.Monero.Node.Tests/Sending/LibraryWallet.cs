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
        var (txHash, height) = await chain.PayAndMineAsync([(Address.ToString(), amount)], cancellationToken);
        await chain.Node.MineAsync(DecoySelector.SpendableAge, cancellationToken: cancellationToken);
        var block = MoneroBlock.Parse((await chain.Node.Rpc.GetBlockAsync(height, cancellationToken)).Blob);
        var hashes = block.TransactionHashes.Select(Convert.ToHexStringLower).ToList();
        var transactions = await chain.Node.Rpc.GetTransactionsAsync(hashes, cancellationToken);
        using var viewSecret = ViewSecret;
        using var scanner = new ViewKeyScanner(viewSecret, new SubaddressTable(EdwardsPoint.MultiplyBase(SpendSecret), viewSecret, []));
        var found = scanner.Scan(transactions.Select(t => ScannableTransaction.From(MoneroTransaction.Parse(t.Blob), t.OutputIndices)));
        return (SpendableOutput.From(Assert.Single(found)), txHash);
    }

    public void Dispose() => SpendSecret.Dispose();
}
