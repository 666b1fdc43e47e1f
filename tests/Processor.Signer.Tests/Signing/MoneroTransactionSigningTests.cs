using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Messaging.Consuming;
using Processor.Monero.Multisig;
using Processor.Monero.Sending;
using Processor.Networks.Plugins.Monero;

namespace Processor.Signer.Tests.Signing;

/// <summary>
/// A Monero plan's transaction is signed through the coordinator's protocol with threshold CLSAG, one machine per input:
/// the preprocesses give the key images, the key images the transaction and its message; bad preprocesses and shares
/// blame their sender; nonces lost to a restart abandon the attempt.
/// </summary>
public sealed class MoneroTransactionSigningTests
{
    private const ulong OneXmr = 1_000_000_000_000;

    [Fact]
    public async Task PlansSignedBySigners12And23_AreTransactionsWhoseClsagsAndBulletproofsVerify_EachOnlyItsOwnEventuality()
    {
        await using var validators = await StartAsync();
        var (first, firstRings) = MoneroPlans.Plan(validators.Keys, OneXmr, 2 * OneXmr);
        var (second, secondRings) = MoneroPlans.Plan(validators.Keys, 3 * OneXmr);

        var firstSigned = await SignAsync(validators, first, [1, 2]);
        var secondSigned = await SignAsync(validators, second, [2, 3]);

        var firstTransaction = MoneroPlans.Verified(first, firstRings, firstSigned);
        var secondTransaction = MoneroPlans.Verified(second, secondRings, secondSigned);
        Assert.Equal(2, firstTransaction.Prefix.Inputs.Count);
        Assert.False(Eventuality.Deserialize(first.EventualityTxid.Span).Matches(secondTransaction));
        Assert.False(Eventuality.Deserialize(second.EventualityTxid.Span).Matches(firstTransaction));
    }

    [Theory]
    [InlineData("key-image share")]
    [InlineData("nonce DLEq proof")]
    public async Task ForgedPreprocess_BlamesItsSenderWithTheInputAndTheBytes_AndNothingIsShared(string forgery)
    {
        await using var validators = await StartAsync();
        var (plan, _) = MoneroPlans.Plan(validators.Keys, OneXmr, OneXmr);
        var id = MoneroPlans.SignIdOf(plan);
        var preprocesses = await validators.RequestAsync(plan);
        var honest = ClsagPreprocess.Deserialize(preprocesses[2].Preprocesses[1].Span);
        // Another point as the key-image share; or the binding nonce in the hiding one's place (its proof is bound to its role).
        var forged = (forgery == "key-image share"
            ? honest with { KeyImageShare = Ed25519Group.Instance.MultiplyGenerator(Ed25519Group.Instance.RandomScalar()) }
            : honest with { Hiding = honest.Binding }).Serialize();
        var cheating = preprocesses[2].Clone();
        cheating.Preprocesses[1] = ByteString.CopyFrom(forged);

        var blamed = await validators.DeliverAsync(1, SigningValidators.PeerPreprocesses(id, 1, [preprocesses[1], cheating]));

        var blame = Assert.Single(SigningValidators.Emitted(blamed, InvalidParticipant.Parser));
        Assert.Equal((id, 2u), (blame.Id, blame.Participant));
        Assert.Equal(forged, blame.Evidence.ToByteArray());
        Assert.Contains($"its preprocess for input 1 carries a bad {forgery}", blame.Reason, StringComparison.Ordinal);
        Assert.Empty(SigningValidators.Emitted(blamed, SignShare.Parser));
        Assert.Equal([(0, "blamed")], await AttemptRulesTests.AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task ForgedSignatureShare_BlamesItsSenderWithTheInputAndTheBytes_AndNothingIsSigned()
    {
        await using var validators = await StartAsync();
        var (plan, _) = MoneroPlans.Plan(validators.Keys, OneXmr, OneXmr);
        var id = MoneroPlans.SignIdOf(plan);
        var preprocesses = await validators.RequestAsync(plan);
        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, [1, 2]);
        // Participant 2's wire form with participant 1's response: well-formed, but not 2's share.
        var forged = new ClsagShare(2, ClsagShare.Deserialize(shares[1].Shares[1].Span).Response).Serialize();
        var cheating = shares[2].Clone();
        cheating.Shares[1] = ByteString.CopyFrom(forged);

        var blamed = await validators.DeliverAsync(1, SigningValidators.PeerShares(id, 1, [shares[1], cheating]));

        var blame = Assert.Single(SigningValidators.Emitted(blamed, InvalidParticipant.Parser));
        Assert.Equal((id, 2u), (blame.Id, blame.Participant));
        Assert.Equal(forged, blame.Evidence.ToByteArray());
        Assert.Contains("its share for input 1 does not verify", blame.Reason, StringComparison.Ordinal);
        Assert.Empty(SigningValidators.Emitted(blamed, TransactionSigned.Parser));
        Assert.Equal([(0, "blamed")], await AttemptRulesTests.AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task RestartAfterThePreprocessLeft_AbandonsTheAttempt_AndTheReattemptIsSigned()
    {
        await using var validators = await StartAsync();
        var (plan, rings) = MoneroPlans.Plan(validators.Keys, 2 * OneXmr);
        var first = Assert.Single(SigningValidators.Emitted(await validators.DeliverAsync(1, plan), SignPreprocess.Parser));
        var second = Assert.Single(SigningValidators.Emitted(await validators.DeliverAsync(2, plan), SignPreprocess.Parser));

        validators.Bed(1).Restart();

        var lost = await validators.DeliverAsync(1, SigningValidators.PeerPreprocesses(MoneroPlans.SignIdOf(plan), 1, [first, second]));
        Assert.Empty(lost.Emitted);
        Assert.Equal([(0, "abandoned")], await AttemptRulesTests.AttemptStatesAsync(validators.Bed(1)));

        var retry = MoneroPlans.SignIdOf(plan, 1);
        var again = new Dictionary<int, SignPreprocess>();
        foreach (var participant in new[] { 1, 2 })
        {
            again[participant] = Assert.Single(SigningValidators.Emitted(
                await validators.DeliverAsync(participant, new SignReattempt { Id = retry }), SignPreprocess.Parser));
        }

        var shares = await validators.RelayPreprocessesAsync(retry, again, [1, 2]);
        var completion = (await validators.RelaySharesAsync(retry, shares, [1, 2]))[1];
        MoneroPlans.Verified(plan, rings, Assert.Single(SigningValidators.Emitted(completion, TransactionSigned.Parser)));
        Assert.Equal([(0, "abandoned"), (1, "completed")], await AttemptRulesTests.AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task PlanWhoseTransactionIsNotItsEventuality_IsPoison_AndNothingIsPreprocessed()
    {
        await using var validators = await StartAsync();
        var (plan, _) = MoneroPlans.Plan(validators.Keys, OneXmr);
        var (other, _) = MoneroPlans.Plan(validators.Keys, OneXmr);
        plan.EventualityTxid = other.EventualityTxid;

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => validators.DeliverAsync(1, plan));

        Assert.Contains("its transaction's eventuality is not the plan's eventuality", poison.Message, StringComparison.Ordinal);
        Assert.Empty(await AttemptRulesTests.AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task PlanForAnotherNetworkKey_IsPoison()
    {
        await using var validators = await StartAsync();
        var (plan, _) = MoneroPlans.Plan(new DealtSessionKeys(session: 1, threshold: 2, participants: 3, Networks.NetworkCurve.Ed25519), OneXmr);

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => validators.DeliverAsync(1, plan));

        Assert.Contains("but session 1's key is", poison.Message, StringComparison.Ordinal);
    }

    private static Task<SigningValidators> StartAsync() => SigningValidators.StartAsync(network: MoneroPlugin.Name);

    /// <summary>The plan signed by <paramref name="signers"/> in attempt 0; both completing signers emit the same TransactionSigned.</summary>
    private static async Task<TransactionSigned> SignAsync(SigningValidators validators, Contracts.Scheduler.V1.PlanCreated plan, int[] signers)
    {
        var id = MoneroPlans.SignIdOf(plan);
        var preprocesses = await validators.RequestAsync(plan);
        Assert.All(preprocesses.Values, p => Assert.Equal(plan.Inputs.Count, p.Preprocesses.Count));
        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, signers);
        var completions = await validators.RelaySharesAsync(id, shares, signers);
        var signed = Assert.Single(SigningValidators.Emitted(completions[signers[0]], TransactionSigned.Parser));
        Assert.Equal(signed, Assert.Single(SigningValidators.Emitted(completions[signers[1]], TransactionSigned.Parser)));
        return signed;
    }
}
