using System.Security.Cryptography;
using Processor.Crypto.Threshold.Dkg;

namespace Processor.Crypto.Threshold.Tests.Dkg;

/// <summary>A participant re-created from the same seed (after a restart) sends byte-identical messages; another seed does not.</summary>
public sealed class SeededParticipantTests
{
    [Fact]
    public void SameSeed_GivesByteIdenticalRound1AndRound2Messages()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var seed = RandomNumberGenerator.GetBytes(32);
        var others = ceremony.Round1().Skip(1).Select(m => Round1Message.Deserialize(ceremony.Session, m)).ToList();

        using var before = new DkgParticipant(ceremony.Session, 1, ceremony.Identities[0], seed);
        using var after = new DkgParticipant(ceremony.Session, 1, ceremony.Identities[0], seed);
        using var otherSeed = new DkgParticipant(ceremony.Session, 1, ceremony.Identities[0], RandomNumberGenerator.GetBytes(32));

        var round1 = before.Start().Serialize();
        Assert.Equal(round1, after.Start().Serialize());
        Assert.Equal(before.ReceiveRound1(others).Serialize(), after.ReceiveRound1(others).Serialize());
        Assert.NotEqual(round1, otherSeed.Start().Serialize());
    }

    [Fact]
    public void ShortSeed_IsRefused()
    {
        using var ceremony = new DkgCeremony(2, 2);

        Assert.Throws<ArgumentException>(() => new DkgParticipant(ceremony.Session, 1, ceremony.Identities[0], new byte[16]));
    }
}
