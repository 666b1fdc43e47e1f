using Processor.Crypto.Threshold.Frost;
using Processor.Testing;

namespace Processor.Crypto.Threshold.Tests.Frost;

public sealed class CheaterDetectionTests
{
    public static TheoryData<string> Suites() => ["ristretto255", "taproot", "sr25519"];

    [Theory]
    [MemberData(nameof(Suites))]
    public void TamperedShare_IsBlamedOnItsSigner(string suiteName)
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(SuiteByName(suiteName), new Random(seed));
        var key = signing.Deal(3, 5);
        var signers = signing.RandomSigners(key, 4);
        var (package, shares) = signing.SignShares(signers, [1, 2, 3]);
        var culprit = shares[2].Identifier;
        shares[2] = Tamper(shares[2]);

        var error = Assert.Throws<InvalidSignatureShareException>(() => signing.Suite.Aggregate(package, shares, key.PublicKey));

        Assert.Equal([culprit], error.Culprits);
        Assert.False(signing.Suite.VerifyShare(package, shares[2], key.PublicKey), $"seed {seed}");
        Assert.All(shares.Where(s => s.Identifier != culprit), s => Assert.True(signing.Suite.VerifyShare(package, s, key.PublicKey), $"seed {seed}"));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void TwoTamperedShares_AreBothBlamed(string suiteName)
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(SuiteByName(suiteName), new Random(seed));
        var key = signing.Deal(4, 7);
        var (package, shares) = signing.SignShares(signing.RandomSigners(key, 5), [9], new KeyOffset(signing.RandomScalar()));
        shares[0] = Tamper(shares[0]);
        shares[4] = Tamper(shares[4]);

        var error = Assert.Throws<InvalidSignatureShareException>(() => signing.Suite.Aggregate(package, shares, key.PublicKey));

        Assert.Equal(new[] { shares[0].Identifier, shares[4].Identifier }.Order(), error.Culprits);
    }

    [Fact]
    public void ShareFromAnotherMessage_IsBlamed()
    {
        var signing = new SeededSigning(FrostCiphersuite.Ristretto255Sha512, new Random(7));
        var key = signing.Deal(2, 3);
        var signers = key.Shares.Take(2).ToList();
        var nonces = signers.Select(signing.Commit).ToList();
        var package = new SigningPackage(nonces.Select(n => n.Commitments), [1]);
        var otherPackage = new SigningPackage(nonces.Select(n => n.Commitments), [2]);
        List<SignatureShare> shares = [signing.Suite.Sign(package, nonces[0], signers[0]), signing.Suite.Sign(otherPackage, nonces[1], signers[1])];

        var error = Assert.Throws<InvalidSignatureShareException>(() => signing.Suite.Aggregate(package, shares, key.PublicKey));

        Assert.Equal([signers[1].Identifier], error.Culprits);
    }

    internal static FrostCiphersuite SuiteByName(string name) => name switch
    {
        "ristretto255" => FrostCiphersuite.Ristretto255Sha512,
        "sr25519" => FrostCiphersuite.Sr25519,
        _ => FrostCiphersuite.Secp256k1Taproot,
    };

    private static SignatureShare Tamper(SignatureShare share)
    {
        using var z = share.ToScalar();
        using var one = z.Group.ScalarFromInteger(1);
        using var wrong = z + one;
        return new SignatureShare(share.Identifier, wrong);
    }
}
