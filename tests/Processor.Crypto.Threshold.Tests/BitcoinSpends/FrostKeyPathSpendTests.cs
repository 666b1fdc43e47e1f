using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Signing;
using Processor.Bitcoin.Testing;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Crypto.Threshold.Tests.Dkg;

namespace Processor.Crypto.Threshold.Tests.BitcoinSpends;

/// <summary>
/// The threshold path end to end against Bitcoin Core's consensus code (litecoind 0.21 regtest): a deposit to the group's
/// address for a kind is spent by a 2-of-3 FROST taproot signature, with shares from a distributed key generation, over our
/// BIP341 sighash, and the node accepts and mines it.
/// </summary>
public sealed class FrostKeyPathSpendTests(RegtestChain chain) : IClassFixture<RegtestChain>
{
    private static readonly Secp256k1Group Curve = Secp256k1Group.Instance;
    private static readonly FrostCiphersuite Suite = FrostCiphersuite.Secp256k1Taproot;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AddressKind.External, 1, 3)]
    [InlineData(AddressKind.Change, 2, 3)]
    [InlineData(AddressKind.Forwarded, 1, 2)]
    public async Task TwoOfThreeFrostSignature_SpendsTheDepositOnTheNode(AddressKind kind, int first, int second)
    {
        var (shares, publicKey) = GenerateKey(threshold: 2, participants: 3);
        var groupKey = Curve.XOnly(publicKey.GroupPublicKey);
        var (unsigned, spent) = await chain.UnsignedSpendOfDepositAsync(groupKey, kind, 40_000_000, Cancel);
        var sighash = new TaprootSighasher(unsigned, [spent]).KeyPathSignatureHash(0, SighashType.Default).ToArray();

        var signers = new[] { shares[first - 1], shares[second - 1] };
        var signature = await SignAsync(signers, publicKey, sighash, kind);

        var signed = unsigned.WithWitnesses([Witness.Create(signature)]);
        var accepted = await chain.Node.Rpc.TestMempoolAcceptAsync(signed.Serialized, Cancel);
        Assert.True(accepted.Allowed, accepted.RejectReason);
        Assert.Equal(signed.Txid.ToString(), await chain.Node.Rpc.SendRawTransactionAsync(signed.Serialized, Cancel));
        var mined = await chain.MineBlockWithAsync(signed.Txid.ToString(), Cancel);
        Assert.Contains(mined.Transactions, t => t.ComputeWtxid() == signed.ComputeWtxid());
    }

    /// <summary>
    /// A t-of-n Bitcoin key from a distributed key generation (every message through its byte form, as relayed), made
    /// even-Y as the signer keeps it so that the x-only key names it.
    /// </summary>
    private static (IReadOnlyList<KeyShare> Shares, ThresholdPublicKey PublicKey) GenerateKey(int threshold, int participants)
    {
        using var ceremony = new DkgCeremony(threshold, participants);
        var results = ceremony.Run();
        var shares = results.Select(r => EvenYKeys.Normalize(r.Secp256k1.Share)).ToList();
        var publicKey = EvenYKeys.Normalize(results[0].Secp256k1.PublicKey);
        foreach (var result in results)
        {
            result.Dispose();
        }

        return (shares, publicKey);
    }

    /// <summary>Both FROST rounds and the aggregation, for the kind's offset of the group key.</summary>
    private static async Task<byte[]> SignAsync(IReadOnlyList<KeyShare> signers, ThresholdPublicKey publicKey, byte[] sighash, AddressKind kind)
    {
        var recorded = new List<SigningCommitments>();
        var nonces = new List<SigningNonces>();
        foreach (var share in signers)
        {
            nonces.Add(await Suite.CommitAsync(share, (commitments, _) => { recorded.Add(commitments); return Task.CompletedTask; }, Cancel));
        }

        using var offsetScalar = Curve.DeserializeScalar(AddressKinds.Offset(Curve.XOnly(publicKey.GroupPublicKey), kind));
        var package = new SigningPackage(recorded, sighash, new KeyOffset(offsetScalar));
        var signatureShares = signers.Select((share, i) => Suite.Sign(package, nonces[i], share)).ToList();
        return Suite.Aggregate(package, signatureShares, publicKey);
    }
}
