using Npgsql;
using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Sodium;
using Processor.Crypto.Sr25519;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Storage;
using Processor.Networks.Plugins.Monero;
using Processor.Signer.Keys;
using Processor.Signer.Secrets;

namespace Processor.Cluster.Tests;

/// <summary>
/// Three signer processes configured for Monero run key generation over Kafka through the coordinator simulator: the network
/// key is the Monero plug-in's form of the Ed25519 group key, its activation carries it, the shares the signers sealed are
/// shares of it, and the session's substrate key still signs Batches.
/// </summary>
[Collection(ThreeMoneroSignersDefinition.Name)]
public sealed class MoneroKeyGenerationTests(ThreeMoneroSigners cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeMoneroSigners_GenerateTheKeyFormOfTheEd25519GroupKey_AndActivateItWithConfirmKeyPair()
    {
        var session = cluster.NewSession();

        var keys = await cluster.GenerateConfirmedKeysAsync(session);

        var networkKey = keys.KeyPair.NetworkKey.ToByteArray();
        Assert.True(MoneroNetworkKey.IsValid(networkKey), "the network key is not a torsion-free, non-identity Ed25519 point");
        foreach (var validator in cluster.Cluster.Validators)
        {
            var generated = cluster.Events[validator.Participant - 1].All<GeneratedKeyPair>().Where(g => g.Session == session).ToList();
            Assert.NotEmpty(generated);
            Assert.All(generated, g => Assert.Equal(keys.KeyPair, g.KeyPair));
            var activated = cluster.SignerKeys[validator.Participant - 1].All<KeyActivated>().Single(k => k.Session == session);
            Assert.Equal((NetworkId.Monero, keys.KeyPair), (activated.Network, activated.KeyPair));
        }

        // The DKG's Ed25519 group key, from the commitments the signers published on the bus: the sum of the constant terms.
        var group = Ed25519Group.Instance;
        var constantTerms = cluster.Events
            .SelectMany(e => e.All<KeyGenCommitments>().Where(c => c.Session == session && c.Attempt == keys.Attempt).Take(1))
            .Select(c => group.DeserializeElement(c.Commitments.Network.CoefficientCommitments[0].Span))
            .ToList();
        Assert.Equal(3, constantTerms.Count);
        Assert.Equal(new MoneroNetworkKeyForm().FromGroupKey(group.Sum(constantTerms).Serialize()).PublishedKey, networkKey);
    }

    [Fact]
    public async Task SharesSealedBySigners1And3_SignAnEd25519SignatureThatLibsodiumAcceptsUnderTheMoneroKey()
    {
        var keys = await cluster.SharedKeysAsync();

        using var first = await StoredKeysAsync(cluster.Cluster[1], keys.Session);
        using var third = await StoredKeysAsync(cluster.Cluster[3], keys.Session);
        var message = "spent by validators 1 and 3"u8.ToArray();
        var signature = await SignAsync([first.Network, third.Network], message);

        Assert.True(Ed25519Signature.Verify(signature, message, keys.KeyPair.NetworkKey.Span), "libsodium rejected the signature of the stored shares");
        Assert.False(Ed25519Signature.Verify(signature, "another message"u8, keys.KeyPair.NetworkKey.Span));
    }

    [Fact]
    public async Task MoneroBatch_SignedByTwoOfThree_IsIncludedByTheSimulatedChain_AndVerifiesAsSr25519()
    {
        var keys = await cluster.SharedKeysAsync();
        var batchId = cluster.NextBatchId();
        var request = BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId, NetworkId.Monero, Coin.Monero);

        await cluster.RequestSignatureAsync(request, [1, 2, 3]);
        var block = await cluster.WaitForBatchIncludedAsync(batchId);

        Assert.Equal(request.Batch, Assert.Single(block.Batches).Batch);
        var signed = cluster.Events.SelectMany(e => e.All<SignedBatch>()).First(s => s.Batch.Id == batchId);
        Assert.True(
            Sr25519.Verify(keys.KeyPair.SubstrateKey.Span, BatchRequests.MessageOf(request.Batch), signed.Signature.Span),
            "the SignedBatch is not an sr25519 signature over batch_message");
    }

    /// <summary>The confirmed keys of <paramref name="session"/> at <paramref name="validator"/>, through the signer's own store and key file.</summary>
    private static async Task<SessionKeys> StoredKeysAsync(Validator validator, uint session)
    {
        using var storageKey = StorageKey.FromBytes(validator.SecretKey.Key);
        var store = new SessionKeyStore(new MessagingTables("signer"), new SecretSealer(storageKey));
        await using var connection = new NpgsqlConnection(validator.ConnectionString);
        await connection.OpenAsync(Cancel);
        return await store.FindConfirmedAsync(connection, session, Cancel)
            ?? throw new InvalidOperationException($"Validator {validator.Participant} has no confirmed keys of session {session}.");
    }

    /// <summary>FROST(Ed25519, SHA-512) by <paramref name="signers"/>, both rounds in this process.</summary>
    private static async Task<byte[]> SignAsync(IReadOnlyList<Crypto.Threshold.Dkg.CurveKey> signers, byte[] message)
    {
        var suite = FrostCiphersuite.Ed25519Sha512;
        var nonces = new List<SigningNonces>();
        foreach (var signer in signers)
        {
            nonces.Add(await suite.CommitAsync(signer.Share, (_, _) => Task.CompletedTask, Cancel));
        }

        var package = new SigningPackage(nonces.Select(n => n.Commitments), message);
        return suite.Aggregate(package, [.. signers.Select((signer, i) => suite.Sign(package, nonces[i], signer.Share))], signers[0].PublicKey);
    }
}
