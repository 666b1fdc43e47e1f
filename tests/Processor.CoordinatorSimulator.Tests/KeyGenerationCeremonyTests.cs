using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using static Processor.CoordinatorSimulator.Tests.Ceremonies;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>The key-generation relay: round messages to the right participants, the result, blame and re-runs.</summary>
public sealed class KeyGenerationCeremonyTests
{
    [Fact]
    public void Start_SendsEachValidatorGenerateKeyWithItsIndexAndEveryIdentity()
    {
        var ceremony = new KeyGenerationCeremony(7, 2, Validators(3));

        var commands = ceremony.Start();

        Assert.Equal([1, 2, 3], Recipients(commands));
        foreach (var (validator, command) in commands.Select(c => (c.Validator, (GenerateKey)c.Command)))
        {
            Assert.Equal((7u, 0u, 2u, 3u, (uint)validator), (command.Session, command.Attempt, command.Threshold, command.ParticipantCount, command.OurParticipant));
            Assert.Equal(Validators(3).Select(v => v.IdentityKey), command.Participants.Select(p => p.IdentityKey));
            Assert.Equal([1u, 2u, 3u], command.Participants.Select(p => p.Participant));
        }
    }

    [Fact]
    public void AllCommitments_AreRelayedToEachParticipantWithoutItsOwn()
    {
        var ceremony = new KeyGenerationCeremony(7, 2, Validators(3));
        ceremony.Start();

        Assert.Empty(ceremony.Receive(2, Commitments(2)));
        Assert.Empty(ceremony.Receive(1, Commitments(1)));
        var relayed = ceremony.Receive(3, Commitments(3));

        Assert.Equal([1, 2, 3], Recipients(relayed));
        foreach (var (validator, command) in relayed.Select(c => (c.Validator, (KeyGenPeerCommitments)c.Command)))
        {
            Assert.Equal(Enumerable.Range(1, 3).Where(p => p != validator).Select(p => Commitments(p).Commitments), command.Commitments);
        }
    }

    [Fact]
    public void AllShares_AreRelayedToTheirRecipientsOnly()
    {
        var ceremony = new KeyGenerationCeremony(7, 2, Validators(3));
        ceremony.Start();
        foreach (var v in new[] { 1, 2, 3 })
        {
            ceremony.Receive(v, Commitments(v));
        }

        ceremony.Receive(1, Shares(1, 3));
        ceremony.Receive(3, Shares(3, 3));
        var relayed = ceremony.Receive(2, Shares(2, 3));

        Assert.Equal([1, 2, 3], Recipients(relayed));
        foreach (var (validator, command) in relayed.Select(c => (c.Validator, (KeyGenPeerShares)c.Command)))
        {
            Assert.Equal(Enumerable.Range(1, 3).Where(s => s != validator).Select(s => ((uint)s, (uint)validator)), command.Shares.Select(s => (s.Sender, s.Recipient)));
            Assert.All(command.Shares, s => Assert.Equal(Shares((int)s.Sender, 3).Shares.Single(x => x.Recipient == validator), s));
        }
    }

    [Fact]
    public void SamePairFromEveryParticipant_IsTheResult()
    {
        var ceremony = CommittedAndShared(3);

        ceremony.Receive(1, Generated(Pair));
        ceremony.Receive(2, Generated(Pair));
        Assert.Null(ceremony.Result);
        ceremony.Receive(3, Generated(Pair));

        Assert.NotNull(ceremony.Result);
        Assert.Equal(Pair, ceremony.Result.KeyPair);
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 2, [3] = 3 }, ceremony.Result.Participants);
        Assert.False(ceremony.IsWaiting);
    }

    [Fact]
    public void DifferentPairs_FailTheSession()
    {
        var ceremony = CommittedAndShared(3);
        var other = new KeyPair { SubstrateKey = Bytes(32, 1), NetworkKey = Pair.NetworkKey };

        ceremony.Receive(1, Generated(Pair));
        ceremony.Receive(2, Generated(other));
        ceremony.Receive(3, Generated(Pair));

        Assert.Null(ceremony.Result);
        Assert.Contains("2 different key pairs", ceremony.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidCommitmentsReportedByTheOthers_RerunsWithoutTheFaulty_Renumbered()
    {
        var ceremony = new KeyGenerationCeremony(7, 2, Validators(3));
        ceremony.Start();

        Assert.Empty(ceremony.Receive(1, new InvalidCommitments { Session = 7, Faulty = 2, Reason = "proof" }));
        var rerun = ceremony.Receive(3, new InvalidCommitments { Session = 7, Faulty = 2, Reason = "proof" });

        Assert.Equal(1u, ceremony.Attempt);
        Assert.Equal([1, 3], Recipients(rerun));
        var toThree = (GenerateKey)rerun[1].Command;
        Assert.Equal((1u, 2u, 2u), (toThree.Attempt, toThree.ParticipantCount, toThree.OurParticipant));
        Assert.Equal([Validators(3)[0].IdentityKey, Validators(3)[2].IdentityKey], toThree.Participants.Select(p => p.IdentityKey));
        Assert.Equal("sent invalid commitments", ceremony.Excluded[2]);
    }

    [Fact]
    public void OneParticipantAlone_CannotExcludeAnother()
    {
        var ceremony = new KeyGenerationCeremony(7, 3, Validators(4));
        ceremony.Start();

        Assert.Empty(ceremony.Receive(1, new InvalidCommitments { Session = 7, Faulty = 2 }));
        Assert.Empty(ceremony.Receive(1, new InvalidCommitments { Session = 7, Faulty = 2 }));

        Assert.Equal(0u, ceremony.Attempt);
        Assert.Empty(ceremony.Excluded);
    }

    [Fact]
    public void InvalidShare_AsksTheOthersToVerify_WithTheRelayedShare()
    {
        var ceremony = CommittedAndShared(4);

        var verify = ceremony.Receive(1, new InvalidShare { Session = 7, Accuser = 1, Faulty = 2, Evidence = Bytes(96, 9) });

        Assert.Equal([3, 4], Recipients(verify));
        var command = (VerifyBlame)verify[0].Command;
        Assert.Equal((1u, 2u), (command.Accuser, command.Accused));
        Assert.Equal(Shares(2, 4).Shares.Single(s => s.Recipient == 1), command.Share);
        Assert.Equal(Bytes(96, 9), command.Evidence);
    }

    [Fact]
    public void SplitVerdicts_DecideNothing()
    {
        var ceremony = CommittedAndShared(4);
        ceremony.Receive(1, new InvalidShare { Session = 7, Accuser = 1, Faulty = 2, Evidence = Bytes(96, 9) });

        Assert.Empty(ceremony.Receive(3, new Blame { Session = 7, Participant = 1, Reason = "false accusation" }));
        Assert.Empty(ceremony.Receive(4, new Blame { Session = 7, Participant = 2, Reason = "invalid share" }));

        Assert.Equal(0u, ceremony.Attempt);
        Assert.Empty(ceremony.Excluded);
    }

    [Fact]
    public void MajorityOfVerdicts_LeavesTheAccusedOut()
    {
        var ceremony = CommittedAndShared(4);
        ceremony.Receive(1, new InvalidShare { Session = 7, Accuser = 1, Faulty = 2, Evidence = Bytes(96, 9) });

        Assert.Empty(ceremony.Receive(3, new Blame { Session = 7, Participant = 2 }));
        var rerun = ceremony.Receive(4, new Blame { Session = 7, Participant = 2 });

        Assert.Equal(1u, ceremony.Attempt);
        Assert.Equal([1, 3, 4], Recipients(rerun));
        Assert.Equal("sent participant 1 an invalid share", ceremony.Excluded[2]);
    }

    [Fact]
    public void FalseAccusation_LeavesTheAccuserOut()
    {
        var ceremony = CommittedAndShared(3);
        ceremony.Receive(1, new InvalidShare { Session = 7, Accuser = 1, Faulty = 2, Evidence = Bytes(96, 9) });

        var rerun = ceremony.Receive(3, new Blame { Session = 7, Participant = 1 });

        Assert.Equal([2, 3], Recipients(rerun));
        Assert.Equal("falsely accused participant 2 of an invalid share", ceremony.Excluded[1]);
    }

    [Fact]
    public void TimeoutOfARound_LeavesTheSilentOut()
    {
        var ceremony = new KeyGenerationCeremony(7, 2, Validators(3));
        ceremony.Start();
        ceremony.Receive(1, Commitments(1));
        ceremony.Receive(3, Commitments(3));

        var rerun = ceremony.Expire();

        Assert.Equal([1, 3], Recipients(rerun));
        Assert.Equal(1u, ceremony.Attempt);
        Assert.Contains("did not answer", ceremony.Excluded[2], StringComparison.Ordinal);
    }

    [Fact]
    public void TooFewLeft_FailsTheSession()
    {
        var ceremony = new KeyGenerationCeremony(7, 3, Validators(3));
        ceremony.Start();
        ceremony.Receive(1, Commitments(1));

        Assert.Empty(ceremony.Expire());

        Assert.Contains("fewer than the threshold 3", ceremony.Failure, StringComparison.Ordinal);
        Assert.False(ceremony.IsWaiting);
    }

    [Fact]
    public void MessagesOfAnOldAttempt_AreIgnored()
    {
        var ceremony = new KeyGenerationCeremony(7, 2, Validators(3));
        ceremony.Start();
        ceremony.Receive(1, Commitments(1));
        ceremony.Receive(3, Commitments(3));
        ceremony.Expire();

        Assert.Empty(ceremony.Receive(1, Commitments(1, attempt: 0)));
        Assert.Empty(ceremony.Receive(3, Commitments(2, attempt: 0)));
        Assert.Empty(ceremony.Receive(3, Commitments(2, attempt: 1)));
        var relayed = ceremony.Receive(1, Commitments(1, attempt: 1));

        Assert.Equal([1, 3], Recipients(relayed));
    }

    private static KeyGenerationCeremony CommittedAndShared(int validators)
    {
        var ceremony = new KeyGenerationCeremony(7, 2, Validators(validators));
        ceremony.Start();
        for (var v = 1; v <= validators; v++)
        {
            ceremony.Receive(v, Commitments(v));
        }

        for (var v = 1; v <= validators; v++)
        {
            ceremony.Receive(v, Shares(v, validators));
        }

        return ceremony;
    }
}
