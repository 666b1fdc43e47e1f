using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Signer.Tests.Support;

namespace Processor.Signer.Tests.KeyGeneration;

/// <summary>ConfirmKeyPair activates exactly the pair generated here; anything else is refused and activates nothing.</summary>
public sealed class ConfirmationTests : ValidatorSignersTest
{
    private GeneratedKeyPair _generated = new();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _generated = (await new KeyGenRelay(Validators, session: 3, attempt: 0, threshold: 2).RunAsync())[1];
    }

    [Fact]
    public async Task ConfirmKeyPairOfAnotherPair_IsRejected_AndNothingIsActivated()
    {
        var other = _generated.KeyPair.Clone();
        var bytes = other.NetworkKey.ToByteArray();
        bytes[0] ^= 1;
        other.NetworkKey = ByteString.CopyFrom(bytes);

        var invocation = await Validators[0].DeliverAsync(KeyGenerationTests.Confirm(3, other));

        var rejected = KeyGenRelay.Single(invocation, KeyPairRejected.Parser);
        Assert.Equal((3u, other, _generated.KeyPair), (rejected.Session, rejected.Received, rejected.Generated));
        Assert.Contains("differs from the one this signer generated", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(KeyGenRelay.All(invocation, KeyActivated.Parser));
        Assert.Null(await Validators[0].FindConfirmedKeysAsync(3));
    }

    [Fact]
    public async Task ConfirmKeyPairForASessionWithoutKeys_IsRejected()
    {
        var rejected = KeyGenRelay.Single(await Validators[0].DeliverAsync(KeyGenerationTests.Confirm(99, _generated.KeyPair)), KeyPairRejected.Parser);

        Assert.Null(rejected.Generated);
        Assert.Contains("generated no keys for session 99", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmKeyPairOfTheGeneratedPair_ActivatesItAtTheSeraiTime_Once()
    {
        Assert.Null(await Validators[1].FindConfirmedKeysAsync(3));
        var confirm = KeyGenerationTests.Confirm(3, _generated.KeyPair);

        var invocation = await Validators[1].DeliverAsync(confirm);

        var activated = KeyGenRelay.Single(invocation, KeyActivated.Parser);
        Assert.Equal((3u, _generated.KeyPair, confirm.SeraiTime), (activated.Session, activated.KeyPair, activated.ActivationTime));
        Assert.False(activated.HasActivationBlockNumber);
        Assert.Equal("signer.keys.bitcoin.v1", invocation.Emitted.Single().Topic);
        using var keys = await Validators[1].FindConfirmedKeysAsync(3);
        Assert.Equal(2, keys!.Participant);

        Assert.Empty((await Validators[1].DeliverAsync(confirm)).Emitted);
    }
}
