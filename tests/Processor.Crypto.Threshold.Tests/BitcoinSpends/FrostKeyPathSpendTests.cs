using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Signing;
using Processor.Bitcoin.Testing;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Crypto.Threshold.Tests.Dkg;

namespace Processor.Crypto.Threshold.Tests.BitcoinSpends;

/// <summary>
/// The threshold path end to end against Bitcoin Core's consensus code (litecoind 0.21 regtest), with Serai's keys: a
/// distributed key generation, the network-key tweak applied to the shares once, a deposit to the network key's address of
/// a kind, and a 2-of-3 plain BIP340 FROST signature with the kind's offset (no signing-time taproot tweak) over our
/// BIP341 sighash, which the node accepts and mines.
/// </summary>
public sealed class FrostKeyPathSpendTests(RegtestChain chain) : IClassFixture<RegtestChain>
{
    private static readonly Secp256k1Group Curve = Secp256k1Group.Instance;
    private static readonly FrostCiphersuite Suite = FrostCiphersuite.Secp256k1Bip340;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AddressKind.External, 1, 3)]
    [InlineData(AddressKind.Branch, 2, 3)]
    [InlineData(AddressKind.Change, 1, 2)]
    [InlineData(AddressKind.Forwarded, 3, 1)]
    public async Task TwoOfThreeFrostSignature_SpendsTheDepositOnTheNode(AddressKind kind, int first, int second)
    {
        var (shares, publicKey, networkKey) = GenerateNetworkKey(threshold: 2, participants: 3);
        var (unsigned, spent) = await chain.UnsignedSpendOfDepositAsync(networkKey, kind, 40_000_000, Cancel);
        var sighash = new TaprootSighasher(unsigned, [spent]).KeyPathSignatureHash(0, SighashType.Default).ToArray();

        var signature = await SignAsync([shares[first - 1], shares[second - 1]], publicKey, sighash, AddressKinds.Offset(networkKey, kind));

        var signed = unsigned.WithWitnesses([Witness.Create(signature)]);
        var accepted = await chain.Node.Rpc.TestMempoolAcceptAsync(signed.Serialized, Cancel);
        Assert.True(accepted.Allowed, accepted.RejectReason);
        Assert.Equal(signed.Txid.ToString(), await chain.Node.Rpc.SendRawTransactionAsync(signed.Serialized, Cancel));
        var mined = await chain.MineBlockWithAsync(signed.Txid.ToString(), Cancel);
        Assert.Contains(mined.Transactions, t => t.ComputeWtxid() == signed.ComputeWtxid());
    }

    /// <summary>
    /// A t-of-n key from a distributed key generation (every message through its byte form, as relayed), tweaked once into
    /// Serai's network key: every share and the public key gain <see cref="NetworkKey"/>'s tweak.
    /// </summary>
    private static (IReadOnlyList<KeyShare> Shares, ThresholdPublicKey PublicKey, byte[] NetworkKey) GenerateNetworkKey(int threshold, int participants)
    {
        using var ceremony = new DkgCeremony(threshold, participants);
        var results = ceremony.Run();
        var derivation = NetworkKey.FromGroupKey(results[0].Network.PublicKey.GroupPublicKey.Serialize());
        using var tweak = Curve.DeserializeScalar(derivation.Tweak);
        var offset = new KeyOffset(tweak);
        var shares = results.Select(r => r.Network.Share.WithOffset(offset)).ToList();
        var publicKey = results[0].Network.PublicKey.WithOffset(offset);
        foreach (var result in results)
        {
            result.Dispose();
        }

        // The threshold library and the Bitcoin library agree on the key the shares now sign for.
        Assert.Equal(derivation.NetworkKeySec1, publicKey.GroupPublicKey.Serialize());
        return (shares, publicKey, derivation.NetworkKey);
    }

    /// <summary>Both FROST rounds and the aggregation, for the network key plus the kind's offset.</summary>
    private static async Task<byte[]> SignAsync(IReadOnlyList<KeyShare> signers, ThresholdPublicKey publicKey, byte[] sighash, byte[] kindOffset)
    {
        var recorded = new List<SigningCommitments>();
        var nonces = new List<SigningNonces>();
        foreach (var share in signers)
        {
            nonces.Add(await Suite.CommitAsync(share, (commitments, _) => { recorded.Add(commitments); return Task.CompletedTask; }, Cancel));
        }

        using var offset = Curve.DeserializeScalar(kindOffset);
        var package = new SigningPackage(recorded, sighash, new KeyOffset(offset));
        var signatureShares = signers.Select((share, i) => Suite.Sign(package, nonces[i], share)).ToList();
        return Suite.Aggregate(package, signatureShares, publicKey);
    }
}
