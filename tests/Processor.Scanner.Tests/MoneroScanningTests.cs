using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Monero.Addresses;
using Processor.Monero.Blocks;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.RingCt;
using Processor.Monero.Scanning;
using Processor.Monero.Sending;
using Processor.Monero.Testing;
using Processor.Monero.Transactions;
using Processor.Networks.Plugins;
using Processor.Networks.Plugins.Monero;
using Processor.Scanner.Tests.Support;
using NetworkOutputKind = Processor.Networks.OutputKind;

namespace Processor.Scanner.Tests;

/// <summary>The unchanged scanner service configured for Monero, against a real monerod regtest node and a wallet that pays.</summary>
public sealed class MoneroScanningTests
{
    private const ulong ExternalAmount = 1_500_000_000_000;
    private const ulong DustAmount = 5_000_000_000; // under Serai's 0.01 XMR

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DepositsToTheGroupKeysSubaddresses_AreReportedWithAmountAndKind_OnlyAfterTenConfirmations()
    {
        await using var scan = await ScanWithFundedPayerAsync();
        var (node, wallet, bed, groupKey) = scan;

        var paid = new Dictionary<NetworkOutputKind, ulong>
        {
            [NetworkOutputKind.External] = ExternalAmount,
            [NetworkOutputKind.Branch] = 200_000_000_000,
            [NetworkOutputKind.Change] = 300_000_000_000,
            [NetworkOutputKind.Forwarded] = 400_000_000_000,
        };
        var destinations = paid.Select(p => (Address(groupKey, p.Key), p.Value)).Append((Address(groupKey, NetworkOutputKind.External), DustAmount)).ToList();
        var (txHash, _) = await wallet.TransferAsync(destinations, Cancel);
        var depositHeight = (await node.MineUntilMinedAsync([txHash], cancellationToken: Cancel))[0];

        // Nine blocks from the deposit's on (itself included): not final yet.
        await node.MineAsync((int)(depositHeight + MoneroPlugin.Confirmations - 2 - await TipAsync(node)), cancellationToken: Cancel);
        Assert.Equal(depositHeight, await bed.WaitUntilCaughtUpAsync());
        Assert.DoesNotContain(await bed.ScannedThroughAsync(depositHeight - 1), e => e.Message.Outputs.Count > 0);

        await node.MineAsync(1, cancellationToken: Cancel);
        Assert.Equal(depositHeight + 1, await bed.WaitUntilCaughtUpAsync());

        var events = await bed.ScannedThroughAsync(depositHeight);
        var withOutputs = Assert.Single(events, e => e.Message.Outputs.Count > 0).Message;
        Assert.Equal((ulong)depositHeight, withOutputs.Height);
        Assert.Equal(NetworkId.Monero, withOutputs.Network);
        var keyOutputs = Assert.Single(withOutputs.Outputs);
        Assert.Equal(1u, keyOutputs.Session);
        Assert.Equal(groupKey, keyOutputs.NetworkKey.ToByteArray());
        // The dust deposit is left out; each kind's output is reported with its amount, locked by that kind's address.
        Assert.Equal(
            paid.Select(p => (p.Key.ToContract(), p.Value)).Order(),
            keyOutputs.Outputs.Select(o => (o.Kind, o.Amount)).Order());
        var scripts = new MoneroAddressScripts();
        foreach (var output in keyOutputs.Outputs)
        {
            Assert.Equal(Convert.FromHexString(txHash), output.Id.Txid.ToByteArray());
            Assert.Equal(Coin.Monero, output.Coin);
            Assert.Equal(scripts.OwnScript(groupKey, ContractOutputKinds.FromContract(output.Kind)), output.Script.ToByteArray());
            Assert.Empty(output.Instruction);
            Assert.Empty(output.Origin);
        }

        // Each output's spend data is what spending it takes: its one-time key (the group key plus the key offset times G),
        // its global index and commitment as the node has them, its amount.
        var transaction = Assert.Single(await node.Rpc.GetTransactionsAsync([txHash], Cancel));
        var onChain = MoneroTransaction.Parse(transaction.Blob);
        foreach (var output in keyOutputs.Outputs)
        {
            var spendable = MoneroSpendData.Decode(output.SpendData.Span);
            var index = (int)output.Id.Vout;
            Assert.Equal(onChain.Prefix.Outputs[index].Key.ToArray(), spendable.Key.ToArray());
            Assert.Equal(EdwardsPoint.Decode(groupKey) + EdwardsPoint.MultiplyBase(spendable.KeyOffset), spendable.Key);
            Assert.Equal(transaction.OutputIndices[index], spendable.GlobalIndex);
            Assert.Equal(output.Amount, spendable.Amount);
            Assert.Equal(onChain.RctBase!.OutputCommitments[index].ToArray(), spendable.Commitment.ToArray());
        }
    }

    [Fact]
    public async Task LibraryDepositWithAnInstruction_IsReportedWithIt_AndCompletesItsPlansEventualityOnly()
    {
        await using var scan = await ScanWithFundedPayerAsync();
        var (node, wallet, bed, groupKey) = scan;

        // wallet-rpc cannot put data in tx extra: the library builds the deposit, from an output of a key only it holds.
        using var depositor = await LibraryKey.FundedAsync(node, wallet);
        var instruction = RandomNumberGenerator.GetBytes(200);
        var planned = await depositor.BuildAsync(node, Address(groupKey, NetworkOutputKind.External), ExternalAmount, instruction, rSeed: 1);
        var other = await depositor.BuildAsync(node, Address(groupKey, NetworkOutputKind.External), ExternalAmount, instruction, rSeed: 2);
        var plannedId = RandomNumberGenerator.GetBytes(32);
        var otherId = RandomNumberGenerator.GetBytes(32);
        foreach (var (planId, unsigned) in new[] { (plannedId, planned), (otherId, other) })
        {
            await bed.PublishAsync(bed.Topics.SchedulerPlans, new PlanCreated
            {
                Network = NetworkId.Monero,
                Session = 1,
                PlanId = ByteString.CopyFrom(planId),
                EventualityTxid = ByteString.CopyFrom(unsigned.Eventuality.Serialize()),
            });
            await bed.WaitForEventualityAsync(planId);
        }

        var deposit = depositor.Sign(planned);
        var broadcast = await node.Rpc.SendRawTransactionAsync(deposit.Serialize(), Cancel);
        Assert.True(broadcast.IsSuccess, $"{broadcast.Outcome}: {broadcast.Reason}");
        var depositHeight = (await node.MineUntilMinedAsync([Convert.ToHexStringLower(deposit.Hash())], cancellationToken: Cancel))[0];
        await node.MineAsync((int)(depositHeight + MoneroPlugin.Confirmations - 1 - await TipAsync(node)), cancellationToken: Cancel);
        Assert.Equal(depositHeight + 1, await bed.WaitUntilCaughtUpAsync());

        var events = await bed.ScannedThroughAsync(depositHeight);
        var withOutputs = Assert.Single(events, e => e.Message.Outputs.Count > 0).Message;
        Assert.Equal((ulong)depositHeight, withOutputs.Height);
        var output = Assert.Single(Assert.Single(withOutputs.Outputs).Outputs);
        Assert.Equal((OutputKind.External, ExternalAmount), (output.Kind, output.Amount));
        Assert.Equal(deposit.Hash(), output.Id.Txid.ToByteArray());
        Assert.Equal(instruction, output.Instruction.ToByteArray());
        var completed = Assert.Single(events.SelectMany(e => e.Message.CompletedEventualities.Select(c => (e.Message.Height, c))));
        Assert.Equal((ulong)depositHeight, completed.Height);
        Assert.Equal(plannedId, completed.c.PlanId.ToByteArray());
        Assert.Equal(deposit.Hash(), completed.c.Txid.ToByteArray());
    }

    [Fact]
    public async Task MoneroNodeOfAnotherNetwork_IsRefused_AndShownInHealth_WithoutCrashing()
    {
        await using var node = await MonerodNode.StartAsync(Cancel);
        await using var bed = await ScannerTestBed.StartForMoneroAsync(node);
        var environment = bed.Environment();
        environment["Monero__Network__Name"] = "mainnet";

        bed.StartScanner(environment);

        var (_, body) = await bed.WaitForReadinessAsync((status, text) =>
            status == System.Net.HttpStatusCode.ServiceUnavailable && text.Contains("another chain", StringComparison.Ordinal));
        // The health answer is JSON, which escapes the quotes around the names.
        Assert.Contains("the node serves another chain: its network type is", body, StringComparison.Ordinal);
        Assert.Contains("fakechain", body, StringComparison.Ordinal);
        Assert.False(bed.ScannerHasExited);
    }

    [Theory]
    [InlineData("Monero__Rpc__Url", null, "Monero:Rpc:Url is required")]
    [InlineData("Monero__Network__Name", "moneroland", "Monero:Network:Name is 'moneroland', which is not a Monero chain")]
    public async Task BadMoneroSetting_RefusesToStart_NamingIt(string setting, string? value, string message)
    {
        await using var node = await MonerodNode.StartAsync(Cancel);
        await using var bed = await ScannerTestBed.StartForMoneroAsync(node);
        var environment = bed.Environment();
        if (value is null)
        {
            environment.Remove(setting);
        }
        else
        {
            environment[setting] = value;
        }

        bed.StartScanner(environment);

        Assert.Equal(2, await bed.WaitForScannerExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("scanner: configuration error: " + message, bed.ScannerOutput, StringComparison.Ordinal);
    }

    /// <summary>A scanner running on its own monerod, knowing a new group key (session 1), and a wallet with coins to pay it.</summary>
    private static async Task<MoneroScan> ScanWithFundedPayerAsync()
    {
        var node = await MonerodNode.StartAsync(Cancel);
        ScannerTestBed? bed = null;
        try
        {
            var wallet = await node.CreateWalletAsync("payer", Cancel);
            await wallet.FundAsync(Cancel);
            bed = await ScannerTestBed.StartForMoneroAsync(node);
            var scan = new MoneroScan(node, wallet, bed, NewGroupKey());
            bed.StartScanner();
            await bed.PublishAsync(bed.Topics.SignerKeys, KeyActivated(session: 1, scan.GroupKey));
            await bed.WaitForKeyAsync(1);
            return scan;
        }
        catch
        {
            if (bed is not null)
            {
                await bed.DisposeAsync();
            }

            await node.DisposeAsync();
            throw;
        }
    }

    private sealed record MoneroScan(MonerodNode Node, MoneroWallet Payer, ScannerTestBed Bed, byte[] GroupKey) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Bed.DisposeAsync();
            await Node.DisposeAsync();
        }
    }

    private static async Task<long> TipAsync(MonerodNode node) => await node.Rpc.GetBlockCountAsync(Cancel) - 1;

    /// <summary>A random Ed25519 group key, as the DKG would make one.</summary>
    private static byte[] NewGroupKey()
    {
        using var secret = MoneroScalars.Reduce(RandomNumberGenerator.GetBytes(64));
        return EdwardsPoint.MultiplyBase(secret).ToArray();
    }

    private static string Address(byte[] groupKey, NetworkOutputKind kind) => MoneroNetworkKey.Address(groupKey, kind, MoneroNetwork.Mainnet).ToString();

    private static KeyActivated KeyActivated(uint session, byte[] groupKey) => new()
    {
        Network = NetworkId.Monero,
        Session = session,
        KeyPair = new KeyPair
        {
            SubstrateKey = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)),
            NetworkKey = ByteString.CopyFrom(groupKey),
        },
        ActivationTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
    };

    /// <summary>A key only the library holds (wallet2's view key from a random spend key), funded by a wallet-rpc payment.</summary>
    private sealed class LibraryKey(Scalar spendSecret, SpendableOutput output) : IDisposable
    {
        private const ulong Funding = 5_000_000_000_000;

        private MoneroAddress Address { get; } = AddressOf(spendSecret);

        /// <summary>A new key, paid <see cref="Funding"/> by <paramref name="payer"/>, once the output can be spent.</summary>
        public static async Task<LibraryKey> FundedAsync(MonerodNode node, MoneroWallet payer)
        {
            var spendSecret = MoneroScalars.Group.RandomScalar();
            await payer.RefreshAsync(Cancel);
            var (txHash, _) = await payer.TransferAsync([(AddressOf(spendSecret).ToString(), Funding)], Cancel);
            var height = (await node.MineUntilMinedAsync([txHash], cancellationToken: Cancel))[0];
            await node.MineAsync(DecoySelector.SpendableAge, cancellationToken: Cancel);
            var block = MoneroBlock.Parse((await node.Rpc.GetBlockAsync(height, Cancel)).Blob);
            var transactions = await node.Rpc.GetTransactionsAsync([.. block.TransactionHashes.Select(Convert.ToHexStringLower)], Cancel);
            using var viewSecret = WalletKeys.ViewSecretFromSpendSecret(spendSecret);
            using var scanner = new ViewKeyScanner(viewSecret, new SubaddressTable(EdwardsPoint.MultiplyBase(spendSecret), viewSecret, []));
            var found = scanner.Scan(transactions.Select(t => ScannableTransaction.From(MoneroTransaction.Parse(t.Blob), t.OutputIndices)));
            return new LibraryKey(spendSecret, SpendableOutput.From(Assert.Single(found)));
        }

        /// <summary>The unsigned transaction paying <paramref name="amount"/> to <paramref name="address"/> with <paramref name="data"/>, change back.</summary>
        public async Task<UnsignedTransaction> BuildAsync(MonerodNode node, string address, ulong amount, byte[] data, byte rSeed)
        {
            var tip = await TipAsync(node);
            var rings = await DecoySelector.SelectAsync(new MonerodDecoySource(node.Rpc), new byte[32], tip, [output], Cancel);
            var estimate = await node.Rpc.GetFeeEstimateAsync(Cancel);
            return TransactionBuilder.Build(new TransactionRequest(
                Enumerable.Repeat(rSeed, 32).ToArray(),
                [(output, rings[0])],
                [new Payment(MoneroAddress.Parse(address), amount)],
                Address,
                [data],
                new FeeRate(estimate.FeePerWeight, estimate.QuantizationMask)));
        }

        public MoneroTransaction Sign(UnsignedTransaction transaction) => SingleKeySigner.Sign(transaction, spendSecret, ClsagSigner.SystemRandom);

        public void Dispose() => spendSecret.Dispose();

        private static MoneroAddress AddressOf(Scalar spendSecret)
        {
            using var viewSecret = WalletKeys.ViewSecretFromSpendSecret(spendSecret);
            return new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, EdwardsPoint.MultiplyBase(spendSecret), EdwardsPoint.MultiplyBase(viewSecret));
        }
    }
}
