using Processor.Crypto.Groups;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Multisig;
using Processor.Monero.Node.Tests.Sending;
using Processor.Monero.Rpc;
using Processor.Monero.Sending;
using Processor.Monero.Testing;
using Processor.Monero.Tests.Multisig;
using Processor.Monero.Transactions;

namespace Processor.Monero.Node.Tests.Multisig;

/// <summary>
/// 2-of-3 FROST keys own a regtest address: the fixture's wallet funds it twice, the view-key scanner finds the outputs,
/// signers {1,2} spend one and signers {2,3} the other with threshold CLSAG; monerod accepts and mines both, reports
/// the jointly made key images spent, the recipient's wallet sees the exact amounts, and each eventuality matches its
/// own mined transaction only. Every preprocess and share crosses between signers as bytes.
/// </summary>
public sealed class ThresholdSpendTests(RegtestFixture chain) : IAsyncLifetime
{
    private const ulong Funding = 3_000_000_000_000;
    private static readonly byte[] Instruction = "serai instruction: threshold spend"u8.ToArray();

    private MoneroWallet? _dave;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private MoneroRpcClient Rpc => chain.Node.Rpc;

    public async ValueTask InitializeAsync() => _dave = await chain.Node.CreateWalletAsync("dave-threshold", Cancel);

    public async ValueTask DisposeAsync()
    {
        if (_dave is not null)
        {
            await _dave.DisposeAsync();
        }
    }

    [Fact]
    public async Task SpendsSignedBySigners12And23_AreMined_SpendTheirKeyImages_AndPayExactly()
    {
        using var keys = MultisigKeys.Deal(2, 3);
        using var viewSecret = Ed25519Group.Instance.RandomScalar();
        var spendKey = EdwardsPoint.FromGroupElement(keys.PublicKey.GroupKey);
        var (first, firstFunding) = await LibraryWallet.FundAsync(chain, spendKey, viewSecret, Funding, Cancel);
        var (second, _) = await LibraryWallet.FundAsync(chain, spendKey, viewSecret, Funding, Cancel);
        var dave = MoneroAddress.Parse(await _dave!.GetAddressAsync(Cancel));
        var change = new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, spendKey, EdwardsPoint.MultiplyBase(viewSecret));

        var paid = 0UL;
        var spends = new List<(UnsignedTransaction Unsigned, MoneroTransaction Signed, SpendableOutput Spent)>();
        foreach (var (output, signers, amount, seed) in new[] { (first, new[] { 1, 2 }, 1_111_111_110_000UL, (byte)21), (second, [2, 3], 777_000_000_000UL, (byte)23) })
        {
            var unsigned = await BuildAsync(output, dave, change, amount, seed);
            var transaction = SignWithThreshold(keys, signers, unsigned);

            var broadcast = await Rpc.SendRawTransactionAsync(transaction.Serialize(), Cancel);
            Assert.True(broadcast.IsSuccess, $"signers {string.Join(",", signers)}: {broadcast.Outcome}: {broadcast.Reason} [{string.Join(", ", broadcast.Flags)}]");
            await chain.Node.MineUntilMinedAsync([Convert.ToHexStringLower(transaction.Hash())], cancellationToken: Cancel);
            paid += amount;
            await _dave.RefreshAsync(Cancel);
            Assert.Equal(paid, (await _dave.GetBalanceAsync(Cancel)).Balance);

            var keyImage = ((KeyInput)transaction.Prefix.Inputs[0]).KeyImage.ToArray();
            using var x = keys.GroupSecret + output.KeyOffset;
            Assert.Equal(KeyImage.Generate(output.Key, x).ToArray(), keyImage);
            Assert.Equal([MoneroKeyImageStatus.SpentInChain], await Rpc.GetKeyImageStatusAsync([keyImage], Cancel));
            spends.Add((unsigned, transaction, output));
        }

        var mined = await Rpc.GetTransactionsAsync([.. spends.Select(s => Convert.ToHexStringLower(s.Signed.Hash())), firstFunding], Cancel);
        var onChain = mined.Select(t => MoneroTransaction.Parse(t.Blob)).ToList();
        Assert.True(spends[0].Unsigned.Eventuality.Matches(onChain[0]));
        Assert.False(spends[0].Unsigned.Eventuality.Matches(onChain[1]));
        Assert.True(spends[1].Unsigned.Eventuality.Matches(onChain[1]));
        Assert.False(spends[1].Unsigned.Eventuality.Matches(onChain[0]));
        Assert.False(spends[0].Unsigned.Eventuality.Matches(onChain[2]));
    }

    /// <summary>
    /// The threshold protocol for every input of <paramref name="unsigned"/>: preprocesses (as bytes) give each input's
    /// key image; with the key images the transaction's message is fixed; each signer binds its own context and answers
    /// with a share (as bytes); the aggregator combines and checks them.
    /// </summary>
    private static MoneroTransaction SignWithThreshold(MultisigKeys keys, int[] participants, UnsignedTransaction unsigned)
    {
        var inputs = unsigned.Inputs.Select(i => new MultisigInput(i.Ring.Members, i.Ring.RealIndex, i.Output.KeyOffset, i.Output.CommitmentMask, i.Output.Amount)).ToList();
        var signers = inputs.Select(input => participants.Select(p => new ThresholdClsagSigner(keys.Shares[p], input)).ToList()).ToList();
        var sets = inputs.Select((input, i) => ClsagSigningSet.Create(
            keys.PublicKey, input, signers[i].Select(s => ClsagPreprocess.Deserialize(s.Preprocess.Serialize())))).ToList();
        var signable = unsigned.WithKeyImages([.. sets.Select(s => s.KeyImage)]);

        var clsags = signable.Inputs.Select(signing =>
        {
            var i = inputs.FindIndex(input => input.OutputKey == signing.Spent.Key);
            var shares = signers[i].Select(s => s.Sign(sets[i].Bind(signing.PseudoOutMask, signable.Message)).Serialize()).ToList();
            var signed = sets[i].Bind(signing.PseudoOutMask, signable.Message).Aggregate(shares.Select(b => ClsagShare.Deserialize(b)));
            Assert.Equal(signing.KeyImage, signed.KeyImage);
            Assert.Equal(signing.PseudoOut, signed.PseudoOut);
            return signed.Signature;
        }).ToList();
        return signable.Complete(clsags);
    }

    private async Task<UnsignedTransaction> BuildAsync(SpendableOutput output, MoneroAddress recipient, MoneroAddress change, ulong amount, byte seed)
    {
        var tip = (await Rpc.GetInfoAsync(Cancel)).TipHeight;
        var rings = await DecoySelector.SelectAsync(new MonerodDecoySource(Rpc), Seed(seed), tip, [output], Cancel);
        var estimate = await Rpc.GetFeeEstimateAsync(Cancel);
        return TransactionBuilder.Build(new TransactionRequest(
            Seed((byte)(seed + 1)), [(output, rings[0])], [new Payment(recipient, amount)], change, [Instruction], new FeeRate(estimate.FeePerWeight, estimate.QuantizationMask)));
    }

    private static byte[] Seed(byte label) => Enumerable.Repeat(label, 32).ToArray();
}
