using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Testing;

namespace Processor.Crypto.Threshold.Tests.Dkg;

/// <summary>Honest ceremonies: every participant ends with the same keys on both curves, and any t of them sign with them.</summary>
public sealed class DkgCeremonyTests
{
    [Fact]
    public async Task RandomThresholds_KeysSignWithAnyTSignersOnBothCurves()
    {
        var seed = TestSeed.New();
        var random = new Random(seed);
        (int T, int N)[] configurations =
        [
            (1, 2), (7, 10), (2, 3),
            .. Enumerable.Range(0, 5).Select(_ => random.Next(2, 11)).Select(n => (random.Next(1, Math.Min(7, n) + 1), n)),
        ];

        foreach (var (t, n) in configurations)
        {
            using var ceremony = new DkgCeremony(t, n);
            var results = ceremony.Run();
            try
            {
                AssertAllAgree(results, seed, t, n);
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    var signers = results.OrderBy(_ => random.Next()).Take(t).ToList();
                    var message = new byte[random.Next(0, 64)];
                    random.NextBytes(message);
                    var where = $"seed {seed}, {t}-of-{n}, signers {string.Join(",", signers.Select(s => s.Network.Share.Identifier))}";

                    var taproot = await SignAsync(FrostCiphersuite.Secp256k1Taproot, [.. signers.Select(s => s.Network)], message);
                    var internalKey = Secp256k1Group.Instance.XOnly(results[0].Network.PublicKey.GroupPublicKey);
                    Assert.True(Bip340.Verify(taproot, message, Taproot.OutputKey(internalKey).XOnly), where);

                    var batch = await SignAsync(FrostCiphersuite.Ristretto255Sha512, [.. signers.Select(s => s.Ristretto255)], message);
                    Assert.True(FrostCiphersuite.Ristretto255Sha512.Verify(batch, message, results[0].Ristretto255.PublicKey.GroupPublicKey), where);
                }
            }
            finally
            {
                results.ForEach(r => r.Dispose());
            }
        }
    }

    [Theory]
    [InlineData("secp256k1")]
    [InlineData("ed25519")]
    public void Ceremony_SharesInterpolateToTheGroupKeysSecret(string networkCurve)
    {
        using var ceremony = new DkgCeremony(3, 5, networkSuite: NetworkSuite(networkCurve));
        var results = ceremony.Run();
        foreach (var pick in new Func<DkgResult, CurveKey>[] { r => r.Ristretto255, r => r.Network })
        {
            var keys = results.Select(pick).ToList();
            var group = keys[0].Share.Group;
            foreach (var subset in new[] { new[] { 0, 1, 2 }, [1, 3, 4], [0, 2, 4] })
            {
                var ids = subset.Select(i => keys[i].Share.Identifier).ToList();
                var secret = group.ScalarFromInteger(0);
                foreach (var i in subset)
                {
                    using var share = group.DeserializeScalar(keys[i].Share.ExportSigningShare());
                    using var lambda = Lagrange.Coefficient(keys[i].Share.Identifier, ids);
                    using var term = lambda * share;
                    var next = secret + term;
                    secret.Dispose();
                    secret = next;
                }

                Assert.Equal(keys[0].PublicKey.GroupPublicKey, group.MultiplyGenerator(secret));
                secret.Dispose();
            }
        }

        results.ForEach(r => r.Dispose());
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    public async Task Ed25519NetworkKey_SharesAgreeAndAnyTSignersSignEd25519(int t, int n)
    {
        using var ceremony = new DkgCeremony(t, n, networkSuite: FrostCiphersuite.Ed25519Sha512);
        var results = ceremony.Run();
        try
        {
            AssertAllAgree(results, seed: 0, t, n);
            Assert.IsType<Ed25519Group>(results[0].Network.PublicKey.Group);
            var message = "a Monero network key"u8.ToArray();
            foreach (var signers in new[] { results.Take(t), results.Skip(n - t) })
            {
                var signature = await SignAsync(FrostCiphersuite.Ed25519Sha512, [.. signers.Select(s => s.Network)], message);
                Assert.True(FrostCiphersuite.Ed25519Sha512.Verify(signature, message, results[0].Network.PublicKey.GroupPublicKey));
            }
        }
        finally
        {
            results.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public void SessionsForDifferentNetworkCurves_HaveDifferentIds()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var keys = ceremony.Identities.Select(i => i.PublicKey).ToList();

        var monero = new DkgSession("same context"u8, 2, keys, FrostCiphersuite.Ed25519Sha512);
        var bitcoin = new DkgSession("same context"u8, 2, keys, FrostCiphersuite.Secp256k1Taproot);

        Assert.NotEqual(monero.Id, bitcoin.Id);
        Assert.Same(FrostCiphersuite.Ed25519Sha512, monero.NetworkSuite);
    }

    [Fact]
    public void RistrettoAsTheNetworkCurve_IsRefused()
    {
        using var ceremony = new DkgCeremony(2, 3);

        var error = Assert.Throws<ArgumentException>(() => new DkgSession("x"u8, 2, [.. ceremony.Identities.Select(i => i.PublicKey)], FrostCiphersuite.Ristretto255Sha512));

        Assert.Contains("not ristretto255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentSessions_GiveUnrelatedMessages()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var round1 = ceremony.Round1();
        var otherSession = new DkgSession("another session"u8, 2, [.. ceremony.Identities.Select(i => i.PublicKey)]);

        // Signatures and proofs of knowledge are bound to the session id: a message cannot be replayed elsewhere.
        Assert.Throws<FormatException>(() => Round1Message.Deserialize(otherSession, round1[0]));
        Assert.NotEqual(ceremony.Session.Id, otherSession.Id);
    }

    internal static async Task<byte[]> SignAsync(FrostCiphersuite suite, IReadOnlyList<CurveKey> signers, byte[] message)
    {
        var nonces = new List<SigningNonces>();
        foreach (var signer in signers)
        {
            nonces.Add(await suite.CommitAsync(signer.Share, (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken));
        }

        var package = new SigningPackage(nonces.Select(n => n.Commitments), message);
        var shares = signers.Zip(nonces, (signer, n) => suite.Sign(package, n, signer.Share)).ToList();
        nonces.ForEach(n => n.Dispose());
        return suite.Aggregate(package, shares, signers[0].PublicKey);
    }

    private static FrostCiphersuite NetworkSuite(string curve) =>
        curve == "ed25519" ? FrostCiphersuite.Ed25519Sha512 : FrostCiphersuite.Secp256k1Taproot;

    private static void AssertAllAgree(List<DkgResult> results, int seed, int t, int n)
    {
        foreach (var pick in new Func<DkgResult, CurveKey>[] { r => r.Ristretto255, r => r.Network })
        {
            var first = pick(results[0]).PublicKey;
            Assert.Equal(n, first.VerifyingShares.Count);
            Assert.Equal(t, first.Threshold);
            foreach (var result in results)
            {
                var key = pick(result);
                Assert.Equal(first.GroupPublicKey, key.PublicKey.GroupPublicKey);
                Assert.Equal(first.VerifyingShares.OrderBy(p => p.Key), key.PublicKey.VerifyingShares.OrderBy(p => p.Key));
                Assert.True(first.VerifyingShares[key.Share.Identifier] == key.Share.VerifyingShare, $"seed {seed}");
            }
        }
    }
}
