using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;
using Processor.Crypto.Threshold.Frost;
using Processor.Testing;
using Sr25519Signatures = Processor.Crypto.Sr25519.Sr25519;

namespace Processor.Crypto.Threshold.Tests.Frost;

/// <summary>Randomized t-of-n signing over both curves, checked with verifiers that share no code with the FROST implementation.</summary>
public sealed class FrostSigningTests
{
    [Fact]
    public void RandomTaprootSignerSets_ProduceSignaturesLibsecp256k1Accepts()
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(FrostCiphersuite.Secp256k1Taproot, new Random(seed));
        ForRandomThresholds(signing, (key, signers, message, round) =>
        {
            using var offsetScalar = round % 2 == 0 ? null : signing.RandomScalar();
            var offset = offsetScalar is null ? null : new KeyOffset(offsetScalar);
            var signature = signing.Sign(key, signers, message, offset);

            // The BIP341 output key of the internal key x(P + o·G), computed with the plain libsecp256k1 binding.
            var internalKey = Secp256k1Group.Instance.XOnly(key.PublicKey.GroupPublicKey + (offsetScalar is null
                ? Secp256k1Group.Instance.Identity
                : Secp256k1Group.Instance.MultiplyGenerator(offsetScalar)));
            var outputKey = Taproot.OutputKey(internalKey).XOnly;
            Assert.True(Bip340.Verify(signature, message, outputKey), $"seed {seed}, round {round}");
        });
    }

    [Fact]
    public void SharesOffsetAtKeyGeneration_SignForTheOffsetKey_WithoutASigningOffset()
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(FrostCiphersuite.Secp256k1Bip340, new Random(seed));
        ForRandomThresholds(signing, (key, signers, message, round) =>
        {
            using var offsetScalar = signing.RandomScalar();
            var offset = new KeyOffset(offsetScalar);
            var offsetSigners = signers.Select(s => s.WithOffset(offset)).ToList();

            // Aggregation checks every share against the offset public key's verifying shares, naming any that disagree.
            var (package, shares) = signing.SignShares(offsetSigners, message);
            var signature = signing.Suite.Aggregate(package, shares, key.PublicKey.WithOffset(offset));

            var offsetKey = key.PublicKey.GroupPublicKey + Secp256k1Group.Instance.MultiplyGenerator(offsetScalar);
            Assert.True(Bip340.Verify(signature, message, Secp256k1Group.Instance.XOnly(offsetKey)), $"seed {seed}, round {round}");
            offsetSigners.ForEach(s => s.Dispose());
        });
    }

    [Fact]
    public void RandomRistrettoSignerSets_SatisfyTheSchnorrEquation()
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(FrostCiphersuite.Ristretto255Sha512, new Random(seed));
        var group = Ristretto255Group.Instance;
        ForRandomThresholds(signing, (key, signers, message, round) =>
        {
            using var offsetScalar = round % 2 == 0 ? null : signing.RandomScalar();
            var offset = offsetScalar is null ? null : new KeyOffset(offsetScalar);
            var signature = signing.Sign(key, signers, message, offset);

            var publicKey = offsetScalar is null ? key.PublicKey.GroupPublicKey : key.PublicKey.GroupPublicKey + group.MultiplyGenerator(offsetScalar);
            Assert.True(RistrettoSchnorrHolds(signature, message, publicKey), $"seed {seed}, round {round}");
        });
    }

    [Fact]
    public void RandomSr25519SignerSets_ProduceSignaturesSr25519VerifyAccepts()
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(FrostCiphersuite.Sr25519, new Random(seed));
        var group = Ristretto255Group.Instance;
        ForRandomThresholds(signing, (key, signers, message, round) =>
        {
            using var offsetScalar = round % 2 == 0 ? null : signing.RandomScalar();
            var offset = offsetScalar is null ? null : new KeyOffset(offsetScalar);
            var signature = signing.Sign(key, signers, message, offset);

            var publicKey = offsetScalar is null ? key.PublicKey.GroupPublicKey : key.PublicKey.GroupPublicKey + group.MultiplyGenerator(offsetScalar);
            Assert.True(Sr25519Signatures.Verify(publicKey.Serialize(), message, signature), $"seed {seed}, round {round}");
            Assert.Equal(0x80, signature[^1] & 0x80);
            signature[40] ^= 1;
            Assert.False(Sr25519Signatures.Verify(publicKey.Serialize(), message, signature), $"seed {seed}, round {round}");
        });
    }

    [Fact]
    public void RandomRfcSecp256k1SignerSets_Verify()
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(FrostCiphersuite.Secp256k1Sha256, new Random(seed));
        ForRandomThresholds(signing, (key, signers, message, round) =>
        {
            var signature = signing.Sign(key, signers, message);
            Assert.True(signing.Suite.Verify(signature, message, key.PublicKey.GroupPublicKey), $"seed {seed}, round {round}");
            signature[^1] ^= 1;
            Assert.False(signing.Suite.Verify(signature, message, key.PublicKey.GroupPublicKey), $"seed {seed}, round {round}");
        });
    }

    [Fact]
    public void TaprootOffsets_CoverBothKeyParitiesAndMatchTheInternalKeyHelper()
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(FrostCiphersuite.Secp256k1Taproot, new Random(seed));
        var key = signing.Deal(2, 3);
        var parities = new HashSet<bool>();
        for (var i = 0; i < 64 && parities.Count < 2; i++)
        {
            using var o = signing.RandomScalar();
            var offset = new KeyOffset(o);
            var offsetKey = key.PublicKey.GroupPublicKey + Secp256k1Group.Instance.MultiplyGenerator(o);
            parities.Add(Secp256k1Group.Instance.HasOddY(offsetKey));

            var message = signing.RandomMessage();
            var signature = signing.Sign(key, key.Shares.Take(2).ToList(), message, offset);
            var outputKey = Taproot.OutputKey(TaprootCiphersuite.InternalKey(key.PublicKey.GroupPublicKey, offset)).XOnly;
            Assert.Equal(Secp256k1Group.Instance.XOnly(offsetKey), TaprootCiphersuite.InternalKey(key.PublicKey.GroupPublicKey, offset));
            Assert.Equal(outputKey, Secp256k1Group.Instance.XOnly(FrostCiphersuite.Secp256k1Taproot.VerifyingKey(key.PublicKey.GroupPublicKey, offset)));
            Assert.True(Bip340.Verify(signature, message, outputKey), $"seed {seed}, i {i}");
        }

        Assert.Equal(2, parities.Count);
    }

    [Theory]
    [MemberData(nameof(CheaterDetectionTests.Suites), MemberType = typeof(CheaterDetectionTests))]
    public void LargeRandomIdentifiers_SignLikeSmallOnes(string suiteName)
    {
        var seed = TestSeed.New();
        var signing = new SeededSigning(CheaterDetectionTests.SuiteByName(suiteName), new Random(seed));
        var identifiers = Enumerable.Range(0, 5).Select(_ => Identifier.FromScalar(signing.RandomScalar())).ToList();
        using var secret = signing.RandomScalar();
        var key = TrustedDealer.Split(secret, 3, identifiers);
        var message = signing.RandomMessage();

        var signature = signing.Sign(key, signing.RandomSigners(key, 3), message);

        Assert.True(identifiers.All(id => id.Number > int.MaxValue), $"seed {seed}");
        Assert.Equal(key.PublicKey.GroupPublicKey, signing.Group.MultiplyGenerator(secret));
        Assert.True(signing.Suite.Verify(signature, message, signing.Suite.VerifyingKey(key.PublicKey.GroupPublicKey)), $"seed {seed}");
    }

    /// <summary>t from 1 to 7, n from t to 10, a random signer set of t..n signers, a random message.</summary>
    private static void ForRandomThresholds(SeededSigning signing, Action<DealtKey, List<KeyShare>, byte[], int> check)
    {
        var random = signing.Random;
        var round = 0;
        for (var threshold = 1; threshold <= 7; threshold++)
        {
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var participants = random.Next(threshold, 11);
                var key = signing.Deal(threshold, participants);
                var signers = signing.RandomSigners(key, random.Next(threshold, participants + 1));
                check(key, signers, signing.RandomMessage(), round++);
            }
        }
    }

    /// <summary>RFC 9591 verification written out with SHA-512 and group operations: <c>z·B == R + H2(R ‖ PK ‖ m)·PK</c>.</summary>
    private static bool RistrettoSchnorrHolds(byte[] signature, byte[] message, Point publicKey)
    {
        var group = Ristretto255Group.Instance;
        var r = group.DeserializeElement(signature.AsSpan(0, 32));
        using var z = group.DeserializeScalar(signature.AsSpan(32));
        using var c = group.ReduceWide(SHA512.HashData([.. Encoding.ASCII.GetBytes("FROST-RISTRETTO255-SHA512-v1chal"), .. signature[..32], .. publicKey.Serialize(), .. message]));
        return group.MultiplyGenerator(z) == r + publicKey * c;
    }
}
