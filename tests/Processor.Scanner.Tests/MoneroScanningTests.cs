using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Signer.V1;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Testing;
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
        await using var node = await MonerodNode.StartAsync(Cancel);
        var wallet = await node.CreateWalletAsync("payer", Cancel);
        await wallet.FundAsync(Cancel);
        await using var bed = await ScannerTestBed.StartForMoneroAsync(node);
        bed.StartScanner();
        var groupKey = NewGroupKey();
        await bed.PublishAsync(bed.Topics.SignerKeys, KeyActivated(session: 1, groupKey));
        await bed.WaitForKeyAsync(1);

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
}
