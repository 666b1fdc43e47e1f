using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using static Processor.CoordinatorSimulator.Tests.Ceremonies;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>Who signs: the first t participants whose preprocess arrives, each told the others' preprocesses and shares.</summary>
public sealed class SigningSetChoiceTests
{
    [Fact]
    public void FirstThresholdPreprocesses_AreTheSigningSet_EachToldTheOthers()
    {
        var ceremony = new SigningCeremony(Keys(validators: 4, threshold: 3), BatchSignId());

        Assert.Empty(ceremony.Receive(3, Preprocess(3)));
        Assert.Empty(ceremony.Receive(1, Preprocess(1)));
        var relayed = ceremony.Receive(4, Preprocess(4));
        var late = ceremony.Receive(2, Preprocess(2));

        Assert.Equal([3, 1, 4], ceremony.Selected);
        Assert.Equal([3, 1, 4], Recipients(relayed));
        Assert.Empty(late);
        foreach (var (validator, command) in relayed.Select(c => (c.Validator, (SignPeerPreprocesses)c.Command)))
        {
            Assert.Equal(0u, command.Id.Attempt);
            Assert.Equal(ceremony.Selected!.Where(p => p != validator).Order(), command.Preprocesses.Select(p => (int)p.Participant).Order());
            Assert.All(command.Preprocesses, p => Assert.Equal(Preprocess((int)p.Participant).Preprocesses, p.Data));
        }
    }

    [Fact]
    public void SharesOfTheWholeSet_AreRelayedToEachSigner_AndEndTheWait()
    {
        var ceremony = new SigningCeremony(Keys(validators: 3, threshold: 2), BatchSignId());
        ceremony.Receive(2, Preprocess(2));
        ceremony.Receive(3, Preprocess(3));

        Assert.Empty(ceremony.Receive(2, Share(2)));
        Assert.Empty(ceremony.Receive(1, Share(1)));
        var relayed = ceremony.Receive(3, Share(3));

        Assert.Equal([2, 3], Recipients(relayed));
        var toTwo = (SignPeerShares)relayed[0].Command;
        Assert.Equal(3u, Assert.Single(toTwo.Shares).Participant);
        Assert.Equal(Share(3).Shares, toTwo.Shares[0].Data);
        Assert.True(ceremony.SharesRelayed);
        Assert.False(ceremony.IsWaiting);
    }

    [Fact]
    public void PreprocessOfAnotherAttemptOrParticipant_IsIgnored()
    {
        var ceremony = new SigningCeremony(Keys(validators: 3, threshold: 2), BatchSignId());

        Assert.Empty(ceremony.Receive(1, Preprocess(1, attempt: 1)));
        Assert.Empty(ceremony.Receive(1, Preprocess(2)));
        Assert.Empty(ceremony.Receive(2, Preprocess(2)));
        Assert.Empty(ceremony.Receive(2, Preprocess(2)));

        Assert.Null(ceremony.Selected);
    }

    [Fact]
    public void ValidatorWithoutAKeyShare_CannotJoin()
    {
        var keys = Keys(validators: 3, threshold: 2) with { Participants = new Dictionary<int, int> { [1] = 1, [3] = 2 } };
        var ceremony = new SigningCeremony(keys, BatchSignId());

        Assert.Empty(ceremony.Receive(2, Preprocess(2)));
        Assert.Empty(ceremony.Receive(1, Preprocess(1)));
        var relayed = ceremony.Receive(3, Preprocess(2));

        Assert.Equal([1, 2], ceremony.Selected);
        Assert.Equal([1, 3], Recipients(relayed));
    }
}
