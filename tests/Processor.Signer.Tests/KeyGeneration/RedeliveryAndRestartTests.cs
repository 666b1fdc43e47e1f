using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Envelopes;
using Processor.Signer.Tests.Support;

namespace Processor.Signer.Tests.KeyGeneration;

/// <summary>A command delivered twice has one effect; a signer restarted mid-ceremony continues it.</summary>
public sealed class RedeliveryAndRestartTests : ValidatorSignersTest
{
    private readonly List<ValidatorSigner> _restarted = [];

    public override async ValueTask DisposeAsync()
    {
        foreach (var validator in _restarted)
        {
            await validator.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task EveryCommandDeliveredAgain_SameOrNewEventId_HasNoSecondEffect()
    {
        var relay = new KeyGenRelay(Validators, session: 4, attempt: 0, threshold: 2);
        var signer = Validators[0];
        var commitments = await relay.StartAsync();
        var shares = await relay.RelayCommitmentsAsync(commitments);
        var generated = await relay.RelaySharesAsync(shares);
        var pair = KeyGenRelay.Single(generated[1], GeneratedKeyPair.Parser).KeyPair;
        var confirm = KeyGenerationTests.Confirm(4, pair);
        var confirmId = EventIds.NewFact();
        await signer.DeliverAsync(confirm, confirmId);

        IMessage[] commands = [relay.GenerateKeyFor(1), relay.PeerCommitmentsFor(1, commitments), relay.PeerSharesFor(1, shares), confirm];
        foreach (var command in commands)
        {
            Assert.Empty((await signer.DeliverAsync(command)).Emitted);
        }

        var redelivered = await signer.DeliverAsync(confirm, confirmId);
        Assert.Empty(redelivered.Emitted);
        Assert.Equal(0, redelivered.Applied);
        using var keys = await signer.FindConfirmedKeysAsync(4);
        Assert.NotNull(keys);
    }

    [Fact]
    public async Task SignersRestartedAfterEachRound_CompleteTheCeremony_WithTheMessagesAlreadySent()
    {
        var relay = new KeyGenRelay(Validators, session: 10, attempt: 0, threshold: 2);
        var commitments = await relay.StartAsync();

        var afterRound1 = await RestartAllAsync(relay);
        var shares = await afterRound1.RelayCommitmentsAsync(commitments);
        var afterRound2 = await RestartAllAsync(afterRound1);
        var generated = (await afterRound2.RelaySharesAsync(shares)).ToDictionary(p => p.Key, p => KeyGenRelay.Single(p.Value, GeneratedKeyPair.Parser));

        Assert.All(generated.Values, g => Assert.Equal(generated[1].KeyPair, g.KeyPair));

        // A restarted signer asked to start the same attempt again sends nothing.
        var again = await RestartAllAsync(afterRound2);
        Assert.Empty((await again.Validators[0].DeliverAsync(relay.GenerateKeyFor(1))).Emitted);
    }

    private async Task<KeyGenRelay> RestartAllAsync(KeyGenRelay relay)
    {
        var restarted = new List<ValidatorSigner>();
        foreach (var validator in relay.Validators)
        {
            restarted.Add(await validator.RestartAsync());
        }

        _restarted.AddRange(restarted);
        return new KeyGenRelay(restarted, relay.Session, relay.Attempt, threshold: 2);
    }
}
