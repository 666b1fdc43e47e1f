using Processor.Messaging.Consuming;
using static Processor.KeyBook.Tests.KeyBookServices;

namespace Processor.KeyBook.Tests;

/// <summary>The reporter and the scheduler learn the signer's keys (KeyGenerated, KeyActivated) into their own schema.</summary>
public sealed class KeyEventHandlerTests
{
    private static readonly DateTimeOffset SetAt = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(KeyBookServices))]
    public async Task KeyGenerated_StoresTheKeyAsGenerated_WithThresholdAndParticipants(string service)
    {
        await using var bed = await StartAsync(service);
        var pair = NewKeyPair(1);

        var invocation = await bed.DeliverAsync(Generated(7, pair, threshold: 2, participants: 3), Cancel);

        Assert.Equal(1, invocation.Applied);
        Assert.Empty(invocation.Emitted);
        var expected = new KnownKey(7, pair.SubstrateKey.ToByteArray(), pair.NetworkKey.ToByteArray(), 2, 3, KeyState.Generated, null, null);
        Assert.Equal(Describe(expected), Describe(Assert.Single(await KeysAsync(bed))));
    }

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(KeyBookServices))]
    public async Task KeyActivatedAfterKeyGenerated_MakesTheKeyActive_KeepingThresholdAndParticipants(string service)
    {
        await using var bed = await StartAsync(service);
        var pair = NewKeyPair(1);
        await bed.DeliverAsync(Generated(7, pair), Cancel);

        await bed.DeliverAsync(Activated(7, pair, SetAt, block: 120), Cancel);

        var key = Assert.Single(await KeysAsync(bed));
        Assert.Equal((KeyState.Active, SetAt, 120L, 2, 3), (key.State, key.ActivationTime!.Value, key.ActivationBlock!.Value, key.Threshold!.Value, key.ParticipantCount!.Value));
    }

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(KeyBookServices))]
    public async Task RedeliveredAndRepeatedEvents_ChangeNothing(string service)
    {
        await using var bed = await StartAsync(service);
        var pair = NewKeyPair(1);
        var generatedId = Guid.NewGuid();
        var activatedId = Guid.NewGuid();
        await bed.DeliverAsync(Generated(7, pair), Cancel, generatedId);
        await bed.DeliverAsync(Activated(7, pair, SetAt), Cancel, activatedId);
        var learnt = await KeysAsync(bed);

        // The same events again (inbox), then the same facts under new ids (a replay after a wipe of the inbox only).
        Assert.Equal(0, (await bed.DeliverAsync(Generated(7, pair), Cancel, generatedId)).Applied);
        Assert.Equal(0, (await bed.DeliverAsync(Activated(7, pair, SetAt), Cancel, activatedId)).Applied);
        await bed.DeliverAsync(Generated(7, pair), Cancel);
        await bed.DeliverAsync(Activated(7, pair, SetAt), Cancel);

        var key = Assert.Single(await KeysAsync(bed));
        Assert.Equal(Describe(Assert.Single(learnt)), Describe(key));
        Assert.Equal(KeyState.Active, key.State);
    }

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(KeyBookServices))]
    public async Task KeyActivatedWithoutKeyGenerated_StoresAnActiveKeyWithoutThreshold(string service)
    {
        await using var bed = await StartAsync(service);

        await bed.DeliverAsync(Activated(3, NewKeyPair(5), SetAt), Cancel);

        var key = Assert.Single(await KeysAsync(bed));
        Assert.Equal((3, KeyState.Active, (int?)null, (int?)null), (key.Session, key.State, key.Threshold, key.ParticipantCount));
    }

    [Fact]
    public async Task KeyGeneratedAgainForAGeneratedSession_ReplacesTheKey()
    {
        await using var bed = await StartAsync("reporter");
        await bed.DeliverAsync(Generated(7, NewKeyPair(1), threshold: 3, participants: 4), Cancel);
        var rerun = NewKeyPair(9);

        // The coordinator re-ran the session's key generation without a faulty participant.
        await bed.DeliverAsync(Generated(7, rerun, threshold: 2, participants: 3), Cancel);

        var key = Assert.Single(await KeysAsync(bed));
        Assert.Equal((Convert.ToHexString(rerun.SubstrateKey.ToByteArray()), 2, 3), (Convert.ToHexString(key.SubstrateKey), key.Threshold!.Value, key.ParticipantCount!.Value));
    }

    [Fact]
    public async Task KeyActivatedForAnotherPairThanGenerated_IsPoison_AndKeepsTheGeneratedKey()
    {
        await using var bed = await StartAsync("scheduler");
        await bed.DeliverAsync(Generated(7, NewKeyPair(1)), Cancel);
        var before = Describe(Assert.Single(await KeysAsync(bed)));

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => bed.DeliverAsync(Activated(7, NewKeyPair(2), SetAt), Cancel));

        Assert.Contains("session 7 names another key pair", poison.Message, StringComparison.Ordinal);
        Assert.Equal(before, Describe(Assert.Single(await KeysAsync(bed))));
    }

    [Fact]
    public async Task KeyActivatedMovingAnActiveKeysActivation_IsPoison_AndKeepsTheFirst()
    {
        await using var bed = await StartAsync("reporter");
        var pair = NewKeyPair(1);
        await bed.DeliverAsync(Activated(7, pair, SetAt), Cancel);

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => bed.DeliverAsync(Activated(7, pair, SetAt.AddHours(1)), Cancel));

        Assert.Contains("moves the activation of an active key", poison.Message, StringComparison.Ordinal);
        Assert.Equal(SetAt, Assert.Single(await KeysAsync(bed)).ActivationTime);
    }

    [Fact]
    public async Task KeyGeneratedForAnActiveSessionWithAnotherPair_IsPoison()
    {
        await using var bed = await StartAsync("scheduler");
        await bed.DeliverAsync(Activated(7, NewKeyPair(1), SetAt), Cancel);

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => bed.DeliverAsync(Generated(7, NewKeyPair(2)), Cancel));

        Assert.Contains("another key pair than the session's active one", poison.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedKeyEvents_ArePoisonNamingTheSession_AndStoreNothing()
    {
        await using var bed = await StartAsync("reporter");
        var shortSubstrateKey = NewKeyPair(1);
        shortSubstrateKey.SubstrateKey = Google.Protobuf.ByteString.CopyFrom(new byte[31]);
        var noNetworkKey = NewKeyPair(1);
        noNetworkKey.NetworkKey = Google.Protobuf.ByteString.Empty;
        var noTime = Activated(4, NewKeyPair(1), SetAt);
        noTime.ActivationTime = null;

        var reasons = new[]
        {
            (Generated(1, shortSubstrateKey), "KeyGenerated for session 1: the substrate key has 31 bytes, not 32."),
            (Generated(2, NewKeyPair(1), threshold: 4, participants: 3), "KeyGenerated for session 2: threshold 4 of 3 participants"),
            (Activated(3, noNetworkKey, SetAt), "KeyActivated for session 3: the network key has 0 bytes"),
            ((Google.Protobuf.IMessage)noTime, "KeyActivated for session 4 has no activation time."),
        };
        foreach (var (message, reason) in reasons)
        {
            var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => bed.DeliverAsync(message, Cancel));
            Assert.StartsWith(reason, poison.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await KeysAsync(bed));
    }

    private static string Describe(KnownKey key) =>
        $"{key.Session} {Convert.ToHexString(key.SubstrateKey)} {Convert.ToHexString(key.NetworkKey)} {key.Threshold} {key.ParticipantCount} " +
        $"{key.State} {key.ActivationTime:O} {key.ActivationBlock}";
}
