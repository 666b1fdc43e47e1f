using Dapper;
using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Sr25519;
using Processor.Testing;

namespace Processor.Signer.Tests.Signing;

/// <summary>Attempts as Serai's: re-attempts, messages for other attempts, and what a validator does with a signer that lies.</summary>
public sealed class AttemptRulesTests
{
    [Fact]
    public async Task Reattempt_AtOrBelowTheCurrentAttempt_IsIgnored_AndANewerOneSendsANewPreprocess()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        await validators.RequestAsync(request);

        var equal = await validators.DeliverAsync(1, Reattempt(request, 0));
        var newer = await validators.DeliverAsync(1, Reattempt(request, 1));
        var newerAgain = await validators.DeliverAsync(1, Reattempt(request, 1));
        var lower = await validators.DeliverAsync(1, Reattempt(request, 0));

        Assert.Empty(equal.Emitted);
        Assert.Equal(Batches.SignIdOf(request, 1), Assert.Single(SigningValidators.Emitted(newer, SignPreprocess.Parser)).Id);
        Assert.Empty(newerAgain.Emitted);
        Assert.Empty(lower.Emitted);
        Assert.Equal([(0, "superseded"), (1, "preprocessed")], await AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task PreprocessesForAnotherAttempt_AreIgnored()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        var preprocesses = await validators.RequestAsync(request);
        await validators.DeliverAsync(1, Reattempt(request, 1));

        var older = await validators.DeliverAsync(
            1, SigningValidators.PeerPreprocesses(Batches.SignIdOf(request, 0), 1, [preprocesses[1], preprocesses[2]]));
        var unstarted = await validators.DeliverAsync(
            1, SigningValidators.PeerPreprocesses(Batches.SignIdOf(request, 2), 1, [preprocesses[1], preprocesses[2]]));

        Assert.Empty(older.Emitted);
        Assert.Empty(unstarted.Emitted);
        Assert.Equal([(0, "superseded"), (1, "preprocessed")], await AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task MalformedPreprocess_BlamesItsSenderWithTheBytes_AndAReattemptWithoutItCompletes()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        var id = Batches.SignIdOf(request);
        var preprocesses = await validators.RequestAsync(request);
        var truncated = preprocesses[2].Preprocesses[0].Span[..^1].ToArray();
        var corrupt = preprocesses[2].Clone();
        corrupt.Preprocesses[0] = ByteString.CopyFrom(truncated);

        var blamed = await validators.DeliverAsync(1, SigningValidators.PeerPreprocesses(id, 1, [preprocesses[1], corrupt]));

        var blame = Assert.Single(SigningValidators.Emitted(blamed, InvalidParticipant.Parser));
        Assert.Equal((id, 2u), (blame.Id, blame.Participant));
        Assert.Equal(truncated, blame.Evidence.ToByteArray());
        Assert.Contains("malformed", blame.Reason, StringComparison.Ordinal);
        Assert.Empty(SigningValidators.Emitted(blamed, SignShare.Parser));
        Assert.Equal([(0, "blamed")], await AttemptStatesAsync(validators.Bed(1)));

        var retry = Batches.SignIdOf(request, 1);
        var again = new Dictionary<int, SignPreprocess>();
        foreach (var participant in new[] { 1, 3 })
        {
            again[participant] = Assert.Single(SigningValidators.Emitted(
                await validators.DeliverAsync(participant, Reattempt(request, 1)), SignPreprocess.Parser));
        }

        var shares = await validators.RelayPreprocessesAsync(retry, again, [1, 3]);
        var completion = (await validators.RelaySharesAsync(retry, shares, [1, 3]))[1];
        var signed = Assert.Single(SigningValidators.Emitted(completion, SignedBatch.Parser));
        Assert.True(Sr25519.Verify(validators.Keys.SubstrateKey, Batches.MessageOf(request), signed.Signature.Span));
    }

    [Fact]
    public async Task ShareThatDoesNotVerify_BlamesItsSenderWithTheBytes_AndNothingIsSigned()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        var id = Batches.SignIdOf(request);
        var preprocesses = await validators.RequestAsync(request);
        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, [1, 2]);
        // Participant 2's identifier with participant 1's share value: well-formed, but not 2's share.
        var forged = shares[2].Shares[0].Span[..32].ToArray().Concat(shares[1].Shares[0].Span[32..].ToArray()).ToArray();
        var bad = shares[2].Clone();
        bad.Shares[0] = ByteString.CopyFrom(forged);

        var blamed = await validators.DeliverAsync(1, SigningValidators.PeerShares(id, 1, [shares[1], bad]));

        var blame = Assert.Single(SigningValidators.Emitted(blamed, InvalidParticipant.Parser));
        Assert.Equal((id, 2u), (blame.Id, blame.Participant));
        Assert.Equal(forged, blame.Evidence.ToByteArray());
        Assert.Contains("does not verify against its verifying share", blame.Reason, StringComparison.Ordinal);
        Assert.Empty(SigningValidators.Emitted(blamed, SignedBatch.Parser));
        Assert.Equal([(0, "blamed")], await AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task RestartAfterThePreprocessLeft_NeverPreprocessesThatAttemptAgain_AndTheReattemptCompletes()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        var requestId = Guid.NewGuid();
        var first = Assert.Single(SigningValidators.Emitted(await validators.DeliverAsync(1, request, requestId), SignPreprocess.Parser));
        var second = Assert.Single(SigningValidators.Emitted(await validators.DeliverAsync(2, request), SignPreprocess.Parser));

        validators.Bed(1).Restart();

        Assert.Empty((await validators.DeliverAsync(1, request, requestId)).Emitted);
        Assert.Empty((await validators.DeliverAsync(1, request)).Emitted);
        Assert.Empty((await validators.DeliverAsync(1, Reattempt(request, 0))).Emitted);
        var lost = await validators.DeliverAsync(1, SigningValidators.PeerPreprocesses(Batches.SignIdOf(request), 1, [first, second]));
        Assert.Empty(lost.Emitted);
        Assert.Equal([(0, "abandoned")], await AttemptStatesAsync(validators.Bed(1)));

        var retry = Batches.SignIdOf(request, 1);
        var again = new Dictionary<int, SignPreprocess>();
        foreach (var participant in new[] { 1, 2 })
        {
            again[participant] = Assert.Single(SigningValidators.Emitted(
                await validators.DeliverAsync(participant, Reattempt(request, 1)), SignPreprocess.Parser));
        }

        var shares = await validators.RelayPreprocessesAsync(retry, again, [1, 2]);
        var completion = (await validators.RelaySharesAsync(retry, shares, [1, 2]))[1];
        var signed = Assert.Single(SigningValidators.Emitted(completion, SignedBatch.Parser));
        Assert.True(Sr25519.Verify(validators.Keys.SubstrateKey, Batches.MessageOf(request), signed.Signature.Span));
        Assert.Equal([(0, "abandoned"), (1, "completed")], await AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task RedeliveryOfEveryCommand_HasNoSecondEffect()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        var id = Batches.SignIdOf(request);
        var preprocesses = await validators.RequestAsync(request);
        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, [1, 2]);
        await validators.RelaySharesAsync(id, shares, [1, 2]);

        IMessage[] commands =
        [
            request,
            SigningValidators.PeerPreprocesses(id, 1, [preprocesses[1], preprocesses[2]]),
            SigningValidators.PeerShares(id, 1, [shares[1], shares[2]]),
            Reattempt(request, 0),
            Reattempt(request, 1),
        ];
        foreach (var command in commands)
        {
            Assert.Empty((await validators.DeliverAsync(1, command)).Emitted);
        }

        Assert.Equal([(0, "completed")], await AttemptStatesAsync(validators.Bed(1)));
    }

    private static SignReattempt Reattempt(Contracts.Reporter.V1.BatchSignRequested request, uint attempt) =>
        new() { Id = Batches.SignIdOf(request, attempt) };

    internal static async Task<List<(int Attempt, string State)>> AttemptStatesAsync(HandlerTestBed bed)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<(int, string)>(
            $"SELECT attempt, state FROM {bed.Schema}.signing_attempts ORDER BY attempt")).AsList();
    }
}
