using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using static Processor.CoordinatorSimulator.Tests.Ceremonies;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>Re-attempts: after a timeout without the silent participants, after an InvalidParticipant without the faulty one.</summary>
public sealed class SigningReattemptTests
{
    [Fact]
    public void TimeoutWaitingForAShare_ReattemptsEverywhere_AndPassesOverTheSilentSigner()
    {
        var ceremony = new SigningCeremony(Keys(validators: 3, threshold: 2), BatchSignId());
        ceremony.Receive(1, Preprocess(1));
        ceremony.Receive(2, Preprocess(2));
        ceremony.Receive(1, Share(1));

        var reattempt = ceremony.Expire();

        Assert.Equal([1, 2, 3], Recipients(reattempt));
        Assert.All(reattempt, c => Assert.Equal(1u, ((SignReattempt)c.Command).Id.Attempt));
        Assert.Equal(1u, ceremony.Attempt);
        ceremony.Receive(2, Preprocess(2, attempt: 1));
        ceremony.Receive(1, Preprocess(1, attempt: 1));
        var relayed = ceremony.Receive(3, Preprocess(3, attempt: 1));
        Assert.Equal([1, 3], ceremony.Selected);
        Assert.Equal([1, 3], Recipients(relayed));
    }

    // Fewer than t preprocesses means more than n - t were silent: passing over them would leave too few, so all may sign.
    [Fact]
    public void TimeoutWaitingForPreprocesses_ReattemptsWithEveryoneEligible()
    {
        var ceremony = new SigningCeremony(Keys(validators: 4, threshold: 2), BatchSignId());
        ceremony.Receive(4, Preprocess(4));

        Assert.Equal([1, 2, 3, 4], Recipients(ceremony.Expire()));
        ceremony.Receive(1, Preprocess(1, attempt: 1));
        ceremony.Receive(2, Preprocess(2, attempt: 1));

        Assert.Equal([1, 2], ceremony.Selected);
    }

    [Fact]
    public void SilentSignerNeededForTheThreshold_MayComeBack()
    {
        var ceremony = new SigningCeremony(Keys(validators: 3, threshold: 3), BatchSignId());
        ceremony.Receive(1, Preprocess(1));
        ceremony.Receive(2, Preprocess(2));

        ceremony.Expire();
        ceremony.Receive(3, Preprocess(3, attempt: 1));
        ceremony.Receive(1, Preprocess(1, attempt: 1));
        ceremony.Receive(2, Preprocess(2, attempt: 1));

        Assert.Equal([3, 1, 2], ceremony.Selected);
    }

    [Fact]
    public void InvalidParticipant_ReattemptsAtOnce_PassingOverTheAccused()
    {
        var ceremony = new SigningCeremony(Keys(validators: 3, threshold: 2), BatchSignId());
        ceremony.Receive(3, Preprocess(3));
        ceremony.Receive(1, Preprocess(1));

        var reattempt = ceremony.Receive(1, new InvalidParticipant { Id = BatchSignId(), Participant = 3, Reason = "bad preprocess" });

        Assert.Equal([1, 2, 3], Recipients(reattempt));
        Assert.Empty(ceremony.Faulty);
        ceremony.Receive(3, Preprocess(3, attempt: 1));
        ceremony.Receive(1, Preprocess(1, attempt: 1));
        ceremony.Receive(2, Preprocess(2, attempt: 1));
        Assert.Equal([1, 2], ceremony.Selected);
    }

    [Fact]
    public void ParticipantAccusedByAMajority_IsNeverChosenAgain_ItsCounterAccusationsAreNot()
    {
        var ceremony = new SigningCeremony(Keys(validators: 4, threshold: 3), BatchSignId());
        ceremony.Receive(1, Preprocess(1));
        ceremony.Receive(3, Preprocess(3));
        ceremony.Receive(2, Preprocess(2));

        ceremony.Receive(3, new InvalidParticipant { Id = BatchSignId(), Participant = 1 });
        ceremony.Receive(1, new InvalidParticipant { Id = BatchSignId(), Participant = 3 });
        ceremony.Receive(2, new InvalidParticipant { Id = BatchSignId(), Participant = 3 });

        Assert.Equal([3], ceremony.Faulty);
        Assert.Equal(1u, ceremony.Attempt);
        ceremony.Expire();
        foreach (var participant in new[] { 3, 1, 2, 4 })
        {
            ceremony.Receive(participant, Preprocess(participant, attempt: 2));
        }

        Assert.Equal([1, 2, 4], ceremony.Selected);
    }

    [Fact]
    public void MutualAccusation_ReattemptsOnce_AndConvictsNobody()
    {
        var ceremony = new SigningCeremony(Keys(validators: 3, threshold: 2), BatchSignId());
        ceremony.Receive(1, Preprocess(1));
        ceremony.Receive(3, Preprocess(3));

        Assert.NotEmpty(ceremony.Receive(1, new InvalidParticipant { Id = BatchSignId(), Participant = 3 }));
        Assert.Empty(ceremony.Receive(3, new InvalidParticipant { Id = BatchSignId(), Participant = 1 }));

        Assert.Equal(1u, ceremony.Attempt);
        Assert.Empty(ceremony.Faulty);
    }

    [Fact]
    public void AccusationFromOutsideTheSet_OrOfAnotherAttempt_IsIgnored()
    {
        var ceremony = new SigningCeremony(Keys(validators: 3, threshold: 2), BatchSignId());
        ceremony.Receive(1, Preprocess(1));
        ceremony.Receive(2, Preprocess(2));

        Assert.Empty(ceremony.Receive(3, new InvalidParticipant { Id = BatchSignId(), Participant = 1 }));
        Assert.Empty(ceremony.Receive(2, new InvalidParticipant { Id = BatchSignId(attempt: 5), Participant = 1 }));

        Assert.Equal(0u, ceremony.Attempt);
        Assert.Empty(ceremony.Faulty);
    }

    [Fact]
    public void FewerThanThresholdNotFaulty_FailsTheSignature()
    {
        var ceremony = new SigningCeremony(Keys(validators: 2, threshold: 2), BatchSignId());
        ceremony.Receive(1, Preprocess(1));
        ceremony.Receive(2, Preprocess(2));

        Assert.Empty(ceremony.Receive(1, new InvalidParticipant { Id = BatchSignId(), Participant = 2 }));

        Assert.NotNull(ceremony.Failure);
        Assert.Contains("fewer than the threshold 2", ceremony.Failure, StringComparison.Ordinal);
        Assert.False(ceremony.IsWaiting);
    }

    [Fact]
    public void CompletedSignature_IgnoresLateAccusations()
    {
        var ceremony = new SigningCeremony(Keys(validators: 3, threshold: 2), BatchSignId());
        ceremony.Receive(1, Preprocess(1));
        ceremony.Receive(2, Preprocess(2));
        ceremony.MarkCompleted();

        Assert.Empty(ceremony.Receive(1, new InvalidParticipant { Id = BatchSignId(), Participant = 2 }));
        Assert.Empty(ceremony.Expire());
        Assert.Equal(0u, ceremony.Attempt);
    }
}
