using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Processor.Bitcoin.Addresses;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Signer.Tests.Support;
using Processor.Testing;

namespace Processor.Signer.Tests.KeyGeneration;

/// <summary>Three validators' signers run key generation with the test relaying as the coordinator: the happy path.</summary>
public sealed class KeyGenerationTests : ValidatorSignersTest
{

    [Fact]
    public async Task ThreeValidators_GenerateTheSameKeyPair_ThatTwoOfThemCanSignWith()
    {
        var relay = new KeyGenRelay(Validators, session: 1, attempt: 0, threshold: 2);

        var generated = await relay.RunAsync();

        var pair = generated[1].KeyPair;
        Assert.All(generated.Values, g => Assert.Equal(pair, g.KeyPair));
        Assert.Equal(32, pair.SubstrateKey.Length);
        Assert.Equal(NetworkKey.Length, pair.NetworkKey.Length);
        foreach (var validator in Validators)
        {
            await validator.DeliverAsync(Confirm(1, pair));
        }

        using var first = await Validators[0].FindConfirmedKeysAsync(1);
        using var third = await Validators[2].FindConfirmedKeysAsync(1);
        Assert.NotNull(first);
        Assert.NotNull(third);
        var message = Encoding.ASCII.GetBytes("signed by 2 of 3");
        var substrateSignature = await ThresholdSigning.SignAsync(FrostCiphersuite.Ristretto255Sha512, [first.Substrate, third.Substrate], message);
        Assert.True(FrostCiphersuite.Ristretto255Sha512.Verify(substrateSignature, message, Ristretto255Group.Instance.DeserializeElement(pair.SubstrateKey.Span)));
        var networkSignature = await ThresholdSigning.SignAsync(FrostCiphersuite.Secp256k1Bip340, [first.Network, third.Network], message);
        Assert.True(FrostCiphersuite.Secp256k1Bip340.Verify(networkSignature, message, NetworkKey.Parse(pair.NetworkKey.Span)));
    }

    [Fact]
    public async Task GeneratedNetworkKey_IsSeraisFormOfTheGroupKey_AndKeyGeneratedTellsTheOtherServices()
    {
        var relay = new KeyGenRelay(Validators, session: 2, attempt: 0, threshold: 2);
        var commitments = await relay.StartAsync();
        var results = await relay.RelaySharesAsync(await relay.RelayCommitmentsAsync(commitments));

        var generated = KeyGenRelay.Single(results[2], GeneratedKeyPair.Parser);
        var keyGenerated = KeyGenRelay.Single(results[2], KeyGenerated.Parser);
        Assert.Equal(generated.KeyPair, keyGenerated.KeyPair);
        Assert.Equal((2u, 2u, 3u), (keyGenerated.Session, keyGenerated.Threshold, keyGenerated.ParticipantCount));
        Assert.Equal(Contracts.Common.V1.NetworkId.Bitcoin, keyGenerated.Network);
        Assert.Contains(results[2].Emitted, e => e.EventType == KeyGenerated.Descriptor.FullName && e.Topic == "signer.keys.bitcoin.v1");

        // Every participant's untweaked secp256k1 group key is the sum of the dealers' constant-term commitments.
        var groupKey = Secp256k1Group.Instance.Sum(commitments.Values.Select(
            c => Secp256k1Group.Instance.DeserializeElement(c.Commitments.Network.CoefficientCommitments[0].Span)));
        Assert.Equal(NetworkKey.FromGroupKey(groupKey.Serialize()).NetworkKey, generated.KeyPair.NetworkKey.ToByteArray());
    }

    internal static ConfirmKeyPair Confirm(uint session, Contracts.Common.V1.KeyPair pair) => new()
    {
        Session = session,
        KeyPair = pair,
        SeraiTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)),
        LatestFinalizedExternalBlock = ByteString.CopyFrom(new byte[32]),
    };
}
