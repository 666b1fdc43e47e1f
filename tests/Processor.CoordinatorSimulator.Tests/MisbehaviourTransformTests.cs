using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using static Processor.CoordinatorSimulator.Tests.Ceremonies;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>What each misbehaviour does to a validator's events before the others see them.</summary>
public sealed class MisbehaviourTransformTests
{
    [Fact]
    public void CorruptCommitment_ChangesOnlyTheSubstrateProofOfKnowledge()
    {
        var original = Commitments(2);

        var corrupted = Assert.IsType<KeyGenCommitments>(MisbehaviourTransform.Apply(Misbehaviour.CorruptCommitment, original));

        Assert.NotEqual(original.Commitments.Substrate.ProofOfKnowledge, corrupted.Commitments.Substrate.ProofOfKnowledge);
        corrupted.Commitments.Substrate.ProofOfKnowledge = original.Commitments.Substrate.ProofOfKnowledge;
        Assert.Equal(original, corrupted);
        Assert.Equal(Commitments(2), original);
    }

    [Fact]
    public void CorruptShare_ChangesTheCopyToTheLowestRecipientOnly()
    {
        var original = Shares(sender: 2, participants: 3);

        var corrupted = Assert.IsType<KeyGenShares>(MisbehaviourTransform.Apply(Misbehaviour.CorruptShare, original));

        var toOne = corrupted.Shares.Single(s => s.Recipient == 1);
        Assert.NotEqual(original.Shares.Single(s => s.Recipient == 1).SignedShares, toOne.SignedShares);
        Assert.Equal(original.Shares.Single(s => s.Recipient == 3), corrupted.Shares.Single(s => s.Recipient == 3));
        Assert.Equal(Shares(sender: 2, participants: 3), original);
    }

    [Fact]
    public void CorruptPreprocess_ChangesEveryPreprocessOfTheEvent()
    {
        var original = Preprocess(1);
        original.Preprocesses.Add(Bytes(66, 7));

        var corrupted = Assert.IsType<SignPreprocess>(MisbehaviourTransform.Apply(Misbehaviour.CorruptPreprocess, original));

        Assert.Equal(original.Preprocesses.Count, corrupted.Preprocesses.Count);
        Assert.All(original.Preprocesses.Zip(corrupted.Preprocesses), pair =>
        {
            Assert.Equal(pair.First.Length, pair.Second.Length);
            Assert.NotEqual(pair.First, pair.Second);
        });
        Assert.Equal(original.Id, corrupted.Id);
    }

    [Fact]
    public void Silent_DropsEverything()
    {
        Assert.Null(MisbehaviourTransform.Apply(Misbehaviour.Silent, Preprocess(1)));
        Assert.Null(MisbehaviourTransform.Apply(Misbehaviour.Silent, Commitments(1)));
        Assert.Null(MisbehaviourTransform.Apply(Misbehaviour.Silent, new SignedBatch()));
    }

    [Fact]
    public void MisbehaviourAboutAnotherMessage_LeavesItAsSent()
    {
        var share = Share(1);

        Assert.Same(share, MisbehaviourTransform.Apply(Misbehaviour.CorruptCommitment, share));
        Assert.Same(share, MisbehaviourTransform.Apply(Misbehaviour.None, share));
    }
}
