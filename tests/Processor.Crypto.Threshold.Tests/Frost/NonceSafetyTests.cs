using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Tests.Frost;

public sealed class NonceSafetyTests
{
    public static TheoryData<string> Suites() => ["ristretto255", "taproot"];

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task Commit_RecordsTheAttemptBeforeHandingOutNonces(string suiteName)
    {
        var suite = CheaterDetectionTests.SuiteByName(suiteName);
        var key = TrustedDealer.Generate(suite.Group, 2, 3);
        var events = new List<string>();
        SigningCommitments? recorded = null;

        using var nonces = await suite.CommitAsync(key.Shares[0], (commitments, _) =>
        {
            events.Add("recorded");
            recorded = commitments;
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);
        events.Add("returned");

        Assert.Equal(["recorded", "returned"], events);
        Assert.Equal(recorded, nonces.Commitments);
        Assert.Equal(key.Shares[0].Identifier, nonces.Commitments.Identifier);
    }

    [Fact]
    public async Task FailedRecording_YieldsNoNonces()
    {
        var suite = FrostCiphersuite.Secp256k1Taproot;
        var key = TrustedDealer.Generate(suite.Group, 2, 3);

        var error = await Assert.ThrowsAsync<IOException>(() => suite.CommitAsync(
            key.Shares[0], (_, _) => throw new IOException("database down"), TestContext.Current.CancellationToken));

        Assert.Equal("database down", error.Message);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task Nonces_SignOnceOnly(string suiteName)
    {
        var suite = CheaterDetectionTests.SuiteByName(suiteName);
        var key = TrustedDealer.Generate(suite.Group, 2, 3);
        var signers = key.Shares.Take(2).ToList();
        var nonces = new List<SigningNonces>();
        foreach (var share in signers)
        {
            nonces.Add(await suite.CommitAsync(share, (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken));
        }

        var package = new SigningPackage(nonces.Select(n => n.Commitments), [4, 2]);
        var shares = signers.Zip(nonces, (s, n) => suite.Sign(package, n, s)).ToList();

        Assert.All(nonces, n => Assert.True(n.IsSpent));
        Assert.Throws<InvalidOperationException>(() => suite.Sign(package, nonces[0], signers[0]));
        var otherMessage = new SigningPackage(nonces.Select(n => n.Commitments), [4, 3]);
        Assert.Throws<InvalidOperationException>(() => suite.Sign(otherMessage, nonces[1], signers[1]));
        Assert.True(suite.Verify(suite.Aggregate(package, shares, key.PublicKey), [4, 2], suite.VerifyingKey(key.PublicKey.GroupPublicKey)));
    }

    [Fact]
    public async Task DisposedNonces_CannotSign()
    {
        var suite = FrostCiphersuite.Ristretto255Sha512;
        var key = TrustedDealer.Generate(suite.Group, 1, 1);
        var nonces = await suite.CommitAsync(key.Shares[0], (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken);
        var package = new SigningPackage([nonces.Commitments], [1]);

        nonces.Dispose();

        Assert.True(nonces.IsSpent);
        Assert.Throws<InvalidOperationException>(() => suite.Sign(package, nonces, key.Shares[0]));
    }

    [Fact]
    public async Task PackageWithoutTheSignersCommitments_IsRefusedWithoutSpendingTheNonces()
    {
        var suite = FrostCiphersuite.Secp256k1Taproot;
        var key = TrustedDealer.Generate(suite.Group, 2, 3);
        var mine = await suite.CommitAsync(key.Shares[0], (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken);
        var forged = await suite.CommitAsync(key.Shares[0], (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken);
        var other = await suite.CommitAsync(key.Shares[1], (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken);
        var package = new SigningPackage([forged.Commitments, other.Commitments], [1]);

        Assert.Throws<ArgumentException>(() => suite.Sign(package, mine, key.Shares[0]));
        Assert.False(mine.IsSpent);
    }

    [Fact]
    public async Task TooFewSigners_AreRefused()
    {
        var suite = FrostCiphersuite.Ristretto255Sha512;
        var key = TrustedDealer.Generate(suite.Group, 3, 4);
        var nonces = await suite.CommitAsync(key.Shares[0], (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken);
        var package = new SigningPackage([nonces.Commitments], [1]);

        Assert.Throws<ArgumentException>(() => suite.Sign(package, nonces, key.Shares[0]));
    }
}
