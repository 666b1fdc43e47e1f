using System.Security.Cryptography;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scanning;
using Processor.Bitcoin.Signing;
using Processor.Bitcoin.Testing;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;

namespace Processor.Bitcoin.Tests.Interop;

/// <summary>
/// The primitives against a real Bitcoin Core-derived node (litecoind 0.21 regtest, taproot active): its blocks parse and
/// verify, a deposit to the processor's External address is found with its instruction (also when the node's own wallet
/// pays the address string), and key-path spends of each kind, signed over our BIP341 sighash with a single key (group
/// secret + Serai's tweak + the kind's offset), are accepted by consensus. Tests of this class run one after the other on
/// their own node.
/// </summary>
public sealed class RegtestInteropTests(RegtestChain chain) : IClassFixture<RegtestChain>
{
    private static readonly Secp256k1Group Curve = Secp256k1Group.Instance;

    private static BitcoinNetwork Network => RegtestChain.Network;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NodesGenesis_IsTheConfiguredOne()
    {
        var genesis = await chain.Node.Rpc.GetBlockHashAsync(0, Cancel);

        Assert.Equal(Network.GenesisHash.ToString(), genesis);
    }

    [Fact]
    public async Task DepositToTheExternalAddress_IsFoundInTheNodesBlockWithItsInstruction()
    {
        using var groupSecret = Curve.RandomScalar();
        var networkKey = NetworkKeyOf(groupSecret);
        byte[] instruction = [.. "swap to ETH"u8];

        var (block, txid) = await DepositAsync(networkKey, AddressKind.External, 150_000_000, instruction);

        var found = Assert.Single(BlockScanner.FindOutputs(block, MatcherFor(networkKey)));
        Assert.Equal(AddressKind.External, found.Tag);
        Assert.Equal(150_000_000, found.Output.Value);
        Assert.Equal(txid, found.Transaction.Txid.ToString());
        var data = ExternalInstruction.Find(found.Transaction);
        Assert.Equal(InstructionStatus.Found, data.Status);
        Assert.Equal(instruction, data.Data.ToArray());
    }

    [Fact]
    public async Task WalletsSendToAddressToTheExternalAddressString_IsFoundWithTheExactAmount()
    {
        using var groupSecret = Curve.RandomScalar();
        var networkKey = NetworkKeyOf(groupSecret);
        var address = AddressKinds.Address(networkKey, AddressKind.External, Network);

        // The node's own wallet decodes the string and builds the output: nothing of ours makes the script.
        var txid = (await chain.Node.Rpc.CallAsync("sendtoaddress", [address, 1.23456789m], Cancel)).GetString()!;
        var block = await chain.MineBlockWithAsync(txid, Cancel);

        var found = Assert.Single(BlockScanner.FindOutputs(block, MatcherFor(networkKey)));
        Assert.Equal(AddressKind.External, found.Tag);
        Assert.Equal(123_456_789, found.Output.Value);
        Assert.Equal(txid, found.Transaction.Txid.ToString());
        Assert.Equal(AddressKinds.ScriptPubKey(networkKey, AddressKind.External), found.Output.ScriptPubKey.ToArray());
    }

    [Theory]
    [InlineData(AddressKind.External, SighashType.Default)]
    [InlineData(AddressKind.Branch, SighashType.All)]
    [InlineData(AddressKind.Change, SighashType.SingleAnyoneCanPay)]
    [InlineData(AddressKind.Forwarded, SighashType.NoneAnyoneCanPay)]
    public async Task KeyPathSpendSignedOverOurSighash_IsAcceptedAndMined_AndATamperedOneIsRejected(AddressKind kind, SighashType type)
    {
        using var groupSecret = Curve.RandomScalar();
        var networkKey = NetworkKeyOf(groupSecret);
        var (unsigned, spent) = await chain.UnsignedSpendOfDepositAsync(networkKey, kind, 50_000_000, Cancel);

        var sighash = new TaprootSighasher(unsigned, [spent]).KeyPathSignatureHash(0, type).ToArray();
        var spendSecret = SpendSecret(groupSecret, kind);
        Assert.Equal(AddressKinds.OutputKey(networkKey, kind), Bip340.XOnlyPublicKey(spendSecret));
        var signature = Bip340.Sign(spendSecret, sighash, RandomNumberGenerator.GetBytes(32));
        byte[] witnessItem = type == SighashType.Default ? signature : [.. signature, (byte)type];
        var signed = unsigned.WithWitnesses([Witness.Create(witnessItem)]);
        var flipped = witnessItem.ToArray();
        flipped[63] ^= 1;
        var tampered = unsigned.WithWitnesses([Witness.Create(flipped)]);

        var rejected = await chain.Node.Rpc.TestMempoolAcceptAsync(tampered.Serialized, Cancel);
        Assert.False(rejected.Allowed);
        Assert.Contains("Schnorr", rejected.RejectReason, StringComparison.Ordinal);
        Assert.Equal(signed.Txid.ToString(), await chain.Node.Rpc.SendRawTransactionAsync(signed.Serialized, Cancel));
        var mined = await chain.MineBlockWithAsync(signed.Txid.ToString(), Cancel);
        Assert.Contains(mined.Transactions, t => t.ComputeWtxid() == signed.ComputeWtxid());
    }

    /// <summary>Serai's network key of the group key <c>secret·G</c> (any Y parity, as a DKG gives it).</summary>
    private static byte[] NetworkKeyOf(Scalar groupSecret) =>
        NetworkKey.FromGroupKey(Curve.MultiplyGenerator(groupSecret).Serialize()).NetworkKey;

    /// <summary>The secret of the kind's output key: group secret + Serai's tweak + the kind's offset for the network key.</summary>
    private static byte[] SpendSecret(Scalar groupSecret, AddressKind kind)
    {
        var derivation = NetworkKey.FromGroupKey(Curve.MultiplyGenerator(groupSecret).Serialize());
        using var tweak = Curve.DeserializeScalar(derivation.Tweak);
        using var offset = Curve.DeserializeScalar(AddressKinds.Offset(derivation.NetworkKey, kind));
        using var networkSecret = groupSecret + tweak;
        using var spendSecret = networkSecret + offset;
        return spendSecret.Serialize();
    }

    /// <summary>What the scanner watches for one network key: the scripts of its four kinds.</summary>
    private static ScriptMatcher<AddressKind> MatcherFor(byte[] networkKey)
    {
        var matcher = new ScriptMatcher<AddressKind>();
        foreach (var kind in AddressKinds.All)
        {
            matcher.Add(AddressKinds.ScriptPubKey(networkKey, kind), kind);
        }

        return matcher;
    }

    private async Task<(Block Block, string Txid)> DepositAsync(byte[] networkKey, AddressKind kind, long satoshis, byte[]? instruction)
    {
        var txid = await chain.Node.SendAsync(AddressKinds.Address(networkKey, kind, Network), satoshis, instruction, Cancel);
        return (await chain.MineBlockWithAsync(txid, Cancel), txid);
    }
}
