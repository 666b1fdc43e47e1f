using Processor.Monero.Addresses;
using Processor.Monero.Rpc;
using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using Processor.Monero.Testing;
using Processor.Monero.Transactions;

namespace Processor.Monero.Node.Tests.Sending;

/// <summary>
/// Transactions built and signed by the library with one key, judged by monerod: accepted and mined when intact,
/// refused with one CLSAG or Bulletproofs+ byte flipped; the recipient's wallet-rpc sees the exact amount; the
/// eventuality recognises the mined transaction and no other.
/// </summary>
public sealed class LibrarySpendTests(RegtestFixture chain) : IAsyncLifetime
{
    private const ulong Funding = 5_000_000_000_000;
    private const ulong Paid = 1_234_567_890_000;
    private static readonly byte[] Instruction = "serai instruction: mint to account 42"u8.ToArray();

    private MoneroWallet? _carol;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private MoneroRpcClient Rpc => chain.Node.Rpc;

    public async ValueTask InitializeAsync() => _carol = await chain.Node.CreateWalletAsync("carol-send", Cancel);

    public async ValueTask DisposeAsync()
    {
        if (_carol is not null)
        {
            await _carol.DisposeAsync();
        }
    }

    [Fact]
    public async Task SingleKeyTransaction_IsAcceptedAndMined_PaysExactly_AndFlippedProofBytesAreRejected()
    {
        using var wallet = new LibraryWallet(chain);
        var (output, fundingTx) = await wallet.FundAsync(Funding, Cancel);
        var carol = MoneroAddress.Parse(await _carol!.GetAddressAsync(Cancel));
        var tip = (await Rpc.GetInfoAsync(Cancel)).TipHeight;
        var rings = await DecoySelector.SelectAsync(new MonerodDecoySource(Rpc), Seed(1), tip, [output], Cancel);
        var estimate = await Rpc.GetFeeEstimateAsync(Cancel);
        var request = new TransactionRequest(
            Seed(2), [(output, rings[0])], [new Payment(carol, Paid)], wallet.Address, [Instruction], new FeeRate(estimate.FeePerWeight, estimate.QuantizationMask));
        var unsigned = TransactionBuilder.Build(request);

        var transaction = SingleKeySigner.Sign(unsigned, wallet.SpendSecret, ClsagSigner.SystemRandom);

        var flippedClsag = await Rpc.SendRawTransactionAsync(WithFlippedClsagByte(transaction).Serialize(), Cancel);
        var flippedProof = await Rpc.SendRawTransactionAsync(WithFlippedProofByte(transaction).Serialize(), Cancel);
        Assert.Equal(MoneroBroadcastOutcome.Invalid, flippedClsag.Outcome);
        Assert.Contains("invalid_input", flippedClsag.Flags);
        Assert.Equal(MoneroBroadcastOutcome.Invalid, flippedProof.Outcome);

        var broadcast = await Rpc.SendRawTransactionAsync(transaction.Serialize(), Cancel);
        Assert.True(broadcast.IsSuccess, $"{broadcast.Outcome}: {broadcast.Reason} [{string.Join(", ", broadcast.Flags)}]");
        var txid = Convert.ToHexStringLower(transaction.Hash());
        var pooled = Assert.Single(await Rpc.GetTransactionPoolAsync(Cancel), t => t.Hash == txid);
        Assert.Equal((transaction.Weight(), unsigned.Fee), (pooled.Weight, pooled.Fee));
        Assert.Equal(request.FeeRate.FeeFor(pooled.Weight), pooled.Fee);

        await chain.Node.MineUntilMinedAsync([txid], cancellationToken: Cancel);
        await _carol.RefreshAsync(Cancel);
        Assert.Equal(Paid, (await _carol.GetBalanceAsync(Cancel)).Balance);
        var keyImage = ((KeyInput)transaction.Prefix.Inputs[0]).KeyImage.ToArray();
        Assert.Equal([MoneroKeyImageStatus.SpentInChain], await Rpc.GetKeyImageStatusAsync([keyImage], Cancel));

        var mined = await Rpc.GetTransactionsAsync([txid, fundingTx], Cancel);
        Assert.True(unsigned.Eventuality.Matches(MoneroTransaction.Parse(mined[0].Blob)));
        Assert.False(unsigned.Eventuality.Matches(MoneroTransaction.Parse(mined[1].Blob)));
        Assert.True(Eventuality.Deserialize(unsigned.Eventuality.Serialize()).Matches(MoneroTransaction.Parse(mined[0].Blob)));
    }

    [Fact]
    public async Task WalletRpcTransactions_WeightRecomputed_EqualsTheNodes()
    {
        var bob = await chain.Bob.GetAddressAsync(Cancel);
        await chain.Alice.RefreshAsync(Cancel);
        var (twoOutputs, _) = await chain.Alice.TransferAsync([(bob, 1_000_000_000)], Cancel);
        var (fourOutputs, _) = await chain.Alice.TransferAsync([(bob, 2_000_000_000), (bob, 3_000_000_000), (bob, 4_000_000_000)], Cancel);

        var pool = await Rpc.GetTransactionPoolAsync(Cancel);
        var transactions = await Rpc.GetTransactionsAsync([twoOutputs, fourOutputs], Cancel);

        foreach (var transaction in transactions)
        {
            var parsed = MoneroTransaction.Parse(transaction.Blob);
            Assert.Equal(Assert.Single(pool, p => p.Hash == transaction.Hash).Weight, parsed.Weight());
        }

        Assert.Equal(4, MoneroTransaction.Parse(transactions[1].Blob).Prefix.Outputs.Count);
        await chain.Node.MineUntilMinedAsync([twoOutputs, fourOutputs], cancellationToken: Cancel);
    }

    [Fact]
    public async Task DecoySelection_IsDeterministicPerSeed_WithTheRealOutputWhereItSorts()
    {
        using var wallet = new LibraryWallet(chain);
        var (output, _) = await wallet.FundAsync(Funding, Cancel);
        var tip = (await Rpc.GetInfoAsync(Cancel)).TipHeight;
        var source = new MonerodDecoySource(Rpc);

        var first = (await DecoySelector.SelectAsync(source, Seed(7), tip, [output], Cancel))[0];
        var again = (await DecoySelector.SelectAsync(source, Seed(7), tip, [output], Cancel))[0];
        var other = (await DecoySelector.SelectAsync(source, Seed(8), tip, [output], Cancel))[0];

        Assert.Equal(first.GlobalIndices, again.GlobalIndices);
        Assert.NotEqual(first.GlobalIndices, other.GlobalIndices);
        Assert.Equal(DecoySelector.RingSize, first.GlobalIndices.Distinct().Count());
        Assert.Equal(first.GlobalIndices.Order(), first.GlobalIndices);
        Assert.Equal(output.GlobalIndex, first.GlobalIndices[first.RealIndex]);
        Assert.Equal(output.Key, first.Members[first.RealIndex].Key);
        var members = await Rpc.GetOutputsAsync(first.GlobalIndices, Cancel);
        Assert.All(members, m => Assert.True(m.Height + DecoySelector.SpendableAge <= tip + 1));
        Assert.Equal(members.Select(m => m.Key), first.Members.Select(m => m.Key.ToArray()));
    }

    [Fact]
    public async Task ReferenceHeightWithTooFewOutputs_IsAClearError()
    {
        using var wallet = new LibraryWallet(chain);
        var (output, _) = await wallet.FundAsync(Funding, Cancel);

        var error = await Assert.ThrowsAsync<DecoySelectionException>(
            () => DecoySelector.SelectAsync(new MonerodDecoySource(Rpc), Seed(9), 40, [output], Cancel));

        Assert.Contains("Not enough decoy candidates", error.Message);
    }

    private static byte[] Seed(byte label) => Enumerable.Repeat(label, 32).ToArray();

    private static MoneroTransaction WithFlippedClsagByte(MoneroTransaction transaction)
    {
        var prunable = transaction.Prunable!;
        var clsag = prunable.Clsags[0];
        var responses = clsag.S.ToList();
        responses[3] = Flipped(responses[3]);
        return MoneroTransaction.CreateV2(transaction.Prefix, transaction.RctBase!, prunable with { Clsags = [clsag with { S = responses }, .. prunable.Clsags.Skip(1)] });
    }

    private static MoneroTransaction WithFlippedProofByte(MoneroTransaction transaction)
    {
        var prunable = transaction.Prunable!;
        var proof = (BulletproofPlus)prunable.RangeProofs[0];
        return MoneroTransaction.CreateV2(transaction.Prefix, transaction.RctBase!, prunable with { RangeProofs = [proof with { R1 = Flipped(proof.R1) }] });
    }

    // Bit 0 of the first byte: the scalar stays canonical, so only the proof's verification can fail.
    private static RctKey Flipped(RctKey key)
    {
        var bytes = key.ToArray();
        bytes[0] ^= 1;
        return new RctKey(bytes);
    }
}
