using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Tests.Frost;

public sealed class WireEncodingTests
{
    [Theory]
    [MemberData(nameof(CheaterDetectionTests.Suites), MemberType = typeof(CheaterDetectionTests))]
    public void CommitmentsAndShares_RoundTrip(string suiteName)
    {
        var signing = new SeededSigning(CheaterDetectionTests.SuiteByName(suiteName), new Random(11));
        var key = signing.Deal(2, 3);
        var (package, shares) = signing.SignShares(key.Shares.Take(2).ToList(), [5]);

        var commitments = package.Commitments.Select(c => SigningCommitments.Deserialize(signing.Group, c.Serialize())).ToList();
        var decodedShares = shares.Select(s => SignatureShare.Deserialize(signing.Group, s.Serialize())).ToList();

        Assert.Equal(package.Commitments, commitments);
        var signature = signing.Suite.Aggregate(new SigningPackage(commitments, [5]), decodedShares, key.PublicKey);
        Assert.True(signing.Suite.Verify(signature, [5], signing.Suite.VerifyingKey(key.PublicKey.GroupPublicKey)));
        Assert.Throws<FormatException>(() => SigningCommitments.Deserialize(signing.Group, new byte[3]));
    }

    [Fact]
    public void KeyShare_DoesNotPrintItsSecret()
    {
        var key = TrustedDealer.Generate(FrostCiphersuite.Ristretto255Sha512.Group, 2, 2);
        var secretHex = Convert.ToHexStringLower(key.Shares[0].ExportSigningShare());
        Assert.DoesNotContain(secretHex, key.Shares[0].ToString(), StringComparison.Ordinal);
        key.Shares[0].Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Shares[0].ExportSigningShare());
    }
}
