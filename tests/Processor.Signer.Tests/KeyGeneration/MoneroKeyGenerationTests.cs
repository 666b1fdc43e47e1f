using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Sodium;
using Processor.Crypto.Sr25519;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;
using Processor.Monero.Crypto;
using Processor.Monero.Multisig;
using Processor.Monero.RingCt;
using Processor.Networks.Plugins.Monero;
using Processor.Signer.Keys;
using Processor.Signer.Tests.Signing;
using Processor.Signer.Tests.Support;

namespace Processor.Signer.Tests.KeyGeneration;

/// <summary>
/// Three signers configured for Monero (<c>Processor:Network</c> = monero), the test relaying as the coordinator: key
/// generation makes the network key on Ed25519 in the Monero plug-in's form, the shares each signer stores are shares of
/// that key, and Batches are still signed with the substrate key (sr25519).
/// </summary>
public sealed class MoneroKeyGenerationTests() : ValidatorSignersTest(3, MoneroPlugin.Name)
{
    private const int RingSize = 16;

    private static readonly MoneroNetworkKeyForm KeyForm = new();

    [Fact]
    public async Task ThreeValidators_GenerateOnePair_WhoseNetworkKeyIsTheKeyFormOfTheEd25519GroupKey()
    {
        var relay = new KeyGenRelay(Validators, session: 1, attempt: 0, threshold: 2);
        var commitments = await relay.StartAsync();
        var results = await relay.RelaySharesAsync(await relay.RelayCommitmentsAsync(commitments));

        var pair = KeyGenRelay.Single(results[1], GeneratedKeyPair.Parser).KeyPair;
        Assert.All(results.Values, r => Assert.Equal(pair, KeyGenRelay.Single(r, GeneratedKeyPair.Parser).KeyPair));
        Assert.True(MoneroNetworkKey.IsValid(pair.NetworkKey.Span), "the network key is not a torsion-free, non-identity Ed25519 point");

        // The Ed25519 group key is the sum of the dealers' constant-term commitments; the plug-in's form of it is published.
        var group = Ed25519Group.Instance;
        var groupKey = group.Sum(commitments.Values.Select(c => group.DeserializeElement(c.Commitments.Network.CoefficientCommitments[0].Span)));
        Assert.Equal(KeyForm.FromGroupKey(groupKey.Serialize()).PublishedKey, pair.NetworkKey.ToByteArray());

        var keyGenerated = KeyGenRelay.Single(results[1], KeyGenerated.Parser);
        Assert.Equal((NetworkId.Monero, pair), (keyGenerated.Network, keyGenerated.KeyPair));
        Assert.Contains(results[1].Emitted, e => e.EventType == KeyGenerated.Descriptor.FullName && e.Topic == "signer.keys.monero.v1");
    }

    [Fact]
    public async Task ConfirmedPair_IsActivated_AndTwoSignersStoredSharesMakeAnEd25519SignatureLibsodiumAccepts()
    {
        var pair = await GenerateConfirmedAsync(session: 2);

        using var first = await Validators[0].FindConfirmedKeysAsync(2);
        using var third = await Validators[2].FindConfirmedKeysAsync(2);
        Assert.NotNull(first);
        Assert.NotNull(third);
        Assert.Same(Ed25519Group.Instance, first.Network.PublicKey.Group);
        Assert.Equal(pair.NetworkKey.ToByteArray(), first.Network.PublicKey.GroupPublicKey.Serialize());

        var message = "signed by 2 of 3 with the Monero key"u8.ToArray();
        var signature = await ThresholdSigning.SignAsync(FrostCiphersuite.Ed25519Sha512, [first.Network, third.Network], message);

        Assert.True(Ed25519Signature.Verify(signature, message, pair.NetworkKey.Span), "libsodium rejected the threshold signature under the published key");
        Assert.False(Ed25519Signature.Verify(signature, "another message"u8, pair.NetworkKey.Span));
    }

    [Fact]
    public async Task StoredSharesOfSigners12And23_SignThresholdClsagsForAnOutputOfThePublishedKey_WithOneKeyImage()
    {
        var pair = await GenerateConfirmedAsync(session: 3);
        var keys = new List<SessionKeys>();
        foreach (var validator in Validators)
        {
            keys.Add((await validator.FindConfirmedKeysAsync(3))!);
        }

        try
        {
            var publicKey = ToMonero(keys[0].Network.PublicKey);
            Assert.Equal(pair.NetworkKey.ToByteArray(), publicKey.GroupKey.Serialize());
            var input = OutputOf(publicKey, realIndex: 5, amount: 1_500_000_000_000);
            var message = MoneroHash.Keccak("a Monero transaction's signature hash"u8);

            var first = SignClsag(publicKey, [keys[0], keys[1]], input, message);
            var second = SignClsag(publicKey, [keys[1], keys[2]], input, message);

            Assert.True(ClsagVerifier.Verify(first.Signature, input.Ring, first.KeyImage, first.PseudoOut, message), "signers 1 and 2's CLSAG does not verify");
            Assert.True(ClsagVerifier.Verify(second.Signature, input.Ring, second.KeyImage, second.PseudoOut, message), "signers 2 and 3's CLSAG does not verify");
            Assert.Equal(first.KeyImage, second.KeyImage);
            Assert.False(ClsagVerifier.Verify(first.Signature, input.Ring, first.KeyImage, first.PseudoOut, MoneroHash.Keccak("another hash"u8)));
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    [Fact]
    public async Task BatchOfAMoneroSession_IsSignedByTwoOfThree_AsSr25519OverBatchMessage()
    {
        var pair = await GenerateConfirmedAsync(session: 4);
        var request = Batches.Request(4, pair.SubstrateKey.ToByteArray(), NetworkId.Monero, Coin.Monero, id: 0);
        var id = Batches.SignIdOf(request);
        int[] signers = [1, 3];

        var preprocesses = new Dictionary<int, SignPreprocess>();
        foreach (var participant in signers)
        {
            preprocesses[participant] = KeyGenRelay.Single(await Validators[participant - 1].DeliverAsync(request), SignPreprocess.Parser);
        }

        var shares = new Dictionary<int, SignShare>();
        foreach (var participant in signers)
        {
            var peers = SigningValidators.PeerPreprocesses(id, participant, preprocesses.Values);
            shares[participant] = KeyGenRelay.Single(await Validators[participant - 1].DeliverAsync(peers), SignShare.Parser);
        }

        foreach (var participant in signers)
        {
            var completion = await Validators[participant - 1].DeliverAsync(SigningValidators.PeerShares(id, participant, shares.Values));
            var signed = KeyGenRelay.Single(completion, SignedBatch.Parser);
            Assert.Equal(request.Batch, signed.Batch);
            Assert.True(Sr25519.Verify(pair.SubstrateKey.Span, Batches.MessageOf(request), signed.Signature.Span), "not an sr25519 signature over batch_message");
        }
    }

    [Fact]
    public async Task PlanForAMoneroSession_WithoutRings_IsPoison_SayingItsSigningDataIsNoRings()
    {
        var pair = await GenerateConfirmedAsync(session: 5);
        var plan = new PlanCreated
        {
            Network = NetworkId.Monero, Session = 5, NetworkKey = pair.NetworkKey, PlanId = ByteString.CopyFrom(new byte[32]),
        };

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => Validators[0].DeliverAsync(plan));

        Assert.Contains("its signing_data is not the rings of its inputs", poison.Message, StringComparison.Ordinal);
    }

    /// <summary>Key generation of <paramref name="session"/>, confirmed at every signer; each must announce the pair in <c>KeyActivated</c>.</summary>
    private async Task<KeyPair> GenerateConfirmedAsync(uint session)
    {
        var pair = (await new KeyGenRelay(Validators, session, attempt: 0, threshold: 2).RunAsync())[1].KeyPair;
        foreach (var validator in Validators)
        {
            var invocation = await validator.DeliverAsync(KeyGenerationTests.Confirm(session, pair));
            var activated = KeyGenRelay.Single(invocation, KeyActivated.Parser);
            Assert.Equal((NetworkId.Monero, session, pair), (activated.Network, activated.Session, activated.KeyPair));
            Assert.Equal("signer.keys.monero.v1", Assert.Single(invocation.Emitted).Topic);
        }

        return pair;
    }

    private static MultisigPublicKey ToMonero(ThresholdPublicKey key) =>
        new(key.GroupPublicKey, key.VerifyingShares.ToDictionary(p => (int)p.Key.Number, p => p.Value), key.Threshold);

    /// <summary>
    /// An output of <paramref name="amount"/> owned by the group key plus a random offset o (as a payment to one of Serai's
    /// addresses is), at <paramref name="realIndex"/> of a ring of random decoys.
    /// </summary>
    private static MultisigInput OutputOf(MultisigPublicKey key, int realIndex, ulong amount)
    {
        var group = Ed25519Group.Instance;
        using var offset = group.RandomScalar();
        using var mask = group.RandomScalar();
        var ring = Enumerable.Range(0, RingSize)
            .Select(_ => new RingMember(EdwardsPoint.MultiplyBase(group.RandomScalar()), EdwardsPoint.MultiplyBase(group.RandomScalar())))
            .ToArray();
        ring[realIndex] = new RingMember(EdwardsPoint.FromGroupElement(key.GroupKey + group.MultiplyGenerator(offset)), PedersenCommitment.Commit(mask, amount));
        return new MultisigInput(ring, realIndex, offset, mask, amount);
    }

    /// <summary>Threshold CLSAG by <paramref name="signers"/>' stored network shares: preprocess, sign, aggregate.</summary>
    private static SignedClsag SignClsag(MultisigPublicKey key, IReadOnlyList<SessionKeys> signers, MultisigInput input, byte[] message)
    {
        var shares = signers.Select(s => ToMonero(s.Network.Share, key)).ToList();
        var machines = shares.Select(s => new ThresholdClsagSigner(s, input)).ToList();
        try
        {
            using var pseudoOutMask = Ed25519Group.Instance.RandomScalar();
            var context = ClsagSigningSet.Create(key, input, machines.Select(m => m.Preprocess)).Bind(pseudoOutMask, message);
            return context.Aggregate([.. machines.Select(m => m.Sign(context))]);
        }
        finally
        {
            machines.ForEach(m => m.Dispose());
            shares.ForEach(s => s.Dispose());
        }
    }

    private static MultisigKeyShare ToMonero(KeyShare share, MultisigPublicKey key)
    {
        var bytes = share.ExportSigningShare();
        try
        {
            using var secret = Ed25519Group.Instance.DeserializeScalar(bytes);
            return new MultisigKeyShare((int)share.Identifier.Number, secret, key);
        }
        finally
        {
            Array.Clear(bytes);
        }
    }
}
