using Processor.Monero.Scanning;

namespace Processor.Monero.Tests.Scanning;

/// <summary>Serai's shared view key and the subaddress of each output kind.</summary>
public sealed class SeraiKeysTests
{
    // SHA-512("Serai DEX View Key" ‖ k as u64 LE) mod l, computed independently with Python's hashlib and big integers.
    [Theory]
    [InlineData(0UL, "83f1736b3737183f44e1330346d0a9bf3f218381066182664c4189e49d94fa0c")]
    [InlineData(1UL, "aa6f475f8ef92146d8bca885f719e473fe6691c36cc646d24641791b0e74c906")]
    public void ViewKey_IsTheWideReductionOfSha512OfTheDomainAndIndex(ulong index, string expected)
    {
        using var key = SeraiViewKey.Derive(index);

        Assert.Equal(expected, Convert.ToHexStringLower(key.Serialize()));
    }

    [Fact]
    public void OutputKinds_UseFourDistinctSubaddresses_NoneThePrimaryAddress()
    {
        var indices = SeraiSubaddresses.All.Select(k => k.Index).ToList();

        Assert.Equal(["external", "branch", "change", "forwarded"], SeraiSubaddresses.All.Select(k => k.Kind));
        Assert.Equal(4, indices.Distinct().Count());
        Assert.DoesNotContain(indices, i => i.IsPrimary);
        Assert.Equal(new SubaddressIndex(1, 0), SeraiSubaddresses.External);
    }
}
