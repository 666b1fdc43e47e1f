using System.Security.Cryptography;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scanning;
using Processor.Bitcoin.Signing;
using Processor.Bitcoin.Testing;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Secp256k1;

namespace Processor.Bitcoin.Tests.Interop;

/// <summary>
/// The primitives against a real Bitcoin Core-derived node (litecoind 0.21 regtest, taproot active): its blocks parse and
/// verify, a deposit to the processor's External address is found with its instruction, and key-path spends signed over
/// our BIP341 sighash are accepted by consensus. Tests of this class run one after the other on their own node.
/// </summary>
public sealed class RegtestInteropTests(RegtestChain chain) : IClassFixture<RegtestChain>
{
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
        var (groupKey, _) = NewGroupKey();
        byte[] instruction = [.. "swap to ETH"u8];

        var (block, txid) = await DepositAsync(groupKey, AddressKind.External, 150_000_000, instruction);

        var matcher = new ScriptMatcher<AddressKind>();
        foreach (var kind in AddressKinds.All)
        {
            matcher.Add(AddressKinds.ScriptPubKey(groupKey, kind), kind);
        }

        var found = Assert.Single(BlockScanner.FindOutputs(block, matcher));
        Assert.Equal(AddressKind.External, found.Tag);
        Assert.Equal(150_000_000, found.Output.Value);
        Assert.Equal(txid, found.Transaction.Txid.ToString());
        var data = ExternalInstruction.Find(found.Transaction);
        Assert.Equal(InstructionStatus.Found, data.Status);
        Assert.Equal(instruction, data.Data.ToArray());
    }

    [Theory]
    [InlineData(AddressKind.External, SighashType.Default)]
    [InlineData(AddressKind.Branch, SighashType.All)]
    [InlineData(AddressKind.Change, SighashType.SingleAnyoneCanPay)]
    [InlineData(AddressKind.Forwarded, SighashType.NoneAnyoneCanPay)]
    public async Task KeyPathSpendSignedOverOurSighash_IsAcceptedAndMined_AndATamperedOneIsRejected(AddressKind kind, SighashType type)
    {
        var (groupKey, secret) = NewGroupKey();
        var (unsigned, spent) = await chain.UnsignedSpendOfDepositAsync(groupKey, kind, 50_000_000, Cancel);

        var sighash = new TaprootSighasher(unsigned, [spent]).KeyPathSignatureHash(0, type).ToArray();
        var outputSecret = Taproot.OutputSecretKey(Bip340.TweakSecretKey(secret, AddressKinds.Offset(kind)));
        var signature = Bip340.Sign(outputSecret, sighash, RandomNumberGenerator.GetBytes(32));
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

    private static (byte[] GroupKey, byte[] Secret) NewGroupKey()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        return (Bip340.XOnlyPublicKey(secret), secret);
    }

    private async Task<(Block Block, string Txid)> DepositAsync(byte[] groupKey, AddressKind kind, long satoshis, byte[]? instruction)
    {
        var txid = await chain.Node.SendAsync(AddressKinds.Address(groupKey, kind, Network), satoshis, instruction, Cancel);
        return (await chain.MineBlockWithAsync(txid, Cancel), txid);
    }
}
