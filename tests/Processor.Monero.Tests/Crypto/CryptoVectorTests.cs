using System.Globalization;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using static Processor.Monero.Tests.MoneroVectors;

namespace Processor.Monero.Tests.Crypto;

/// <summary>Every line of Monero's <c>tests/crypto/tests.txt</c> subset, one test per operation.</summary>
public sealed class CryptoVectorTests
{
    [Fact]
    public void CheckScalar_MatchesMonero() => AssertAll(CryptoLines("check_scalar"), f =>
        Expect(f[2], Bool(MoneroScalars.IsCanonical(Hex(f[1])))));

    [Fact]
    public void HashToScalar_MatchesMonero() => AssertAll(CryptoLines("hash_to_scalar"), f =>
        Expect(f[2], Convert.ToHexStringLower(MoneroHash.HashToScalar(f[1] == "x" ? [] : Hex(f[1])).Serialize())));

    [Fact]
    public void CheckKey_MatchesMonero() => AssertAll(CryptoLines("check_key"), f =>
        Expect(f[2], Bool(EdwardsPoint.IsValidKey(Hex(f[1])))));

    [Fact]
    public void SecretKeyToPublicKey_MatchesMonero() => AssertAll(CryptoLines("secret_key_to_public_key"), f =>
    {
        var valid = MoneroScalars.IsCanonical(Hex(f[1]));
        if (Expect(f[2], Bool(valid)) is { } mismatch)
        {
            return mismatch;
        }

        return valid ? Expect(f[3], EdwardsPoint.MultiplyBase(MoneroScalars.Decode(Hex(f[1]))).ToString()) : null;
    });

    [Fact]
    public void GenerateKeyDerivation_MatchesMonero() => AssertAll(CryptoLines("generate_key_derivation"), f =>
    {
        var valid = EdwardsPoint.TryDecode(Hex(f[1]), out var publicKey);
        if (Expect(f[3], Bool(valid)) is { } mismatch)
        {
            return mismatch;
        }

        // Monero reduces nothing here: the vectors' secret keys are canonical scalars.
        return valid ? Expect(f[4], Convert.ToHexStringLower(KeyDerivation.Generate(publicKey!, MoneroScalars.Decode(Hex(f[2]))).Encoding)) : null;
    });

    [Fact]
    public void DerivePublicKey_MatchesMonero() => AssertAll(CryptoLines("derive_public_key"), f =>
    {
        var valid = EdwardsPoint.TryDecode(Hex(f[3]), out var spendKey);
        if (Expect(f[4], Bool(valid)) is { } mismatch)
        {
            return mismatch;
        }

        return valid ? Expect(f[5], KeyDerivation.FromEncoding(Hex(f[1])).DerivePublicKey(Index(f[2]), spendKey!).ToString()) : null;
    });

    [Fact]
    public void DeriveSecretKey_MatchesMonero() => AssertAll(CryptoLines("derive_secret_key"), f =>
        Expect(f[4], Convert.ToHexStringLower(
            KeyDerivation.FromEncoding(Hex(f[1])).DeriveSecretKey(Index(f[2]), MoneroScalars.Decode(Hex(f[3]))).Serialize())));

    [Fact]
    public void HashToPoint_MatchesMoneroMap() => AssertAll(CryptoLines("hash_to_point"), f =>
        Expect(f[2], MoneroHash.MapToPoint(Hex(f[1])).ToString()));

    [Fact]
    public void HashToEc_MatchesMonero() => AssertAll(CryptoLines("hash_to_ec"), f =>
        Expect(f[2], MoneroHash.HashToPoint(Hex(f[1])).ToString()));

    [Fact]
    public void GenerateKeyImage_MatchesMonero() => AssertAll(CryptoLines("generate_key_image"), f =>
        Expect(f[3], KeyImage.Generate(EdwardsPoint.Decode(Hex(f[1])), MoneroScalars.Decode(Hex(f[2]))).ToString()));

    /// <summary>
    /// The vectors' second column is Monero's correct prime-order-subgroup check (the first documents a since-fixed bug in
    /// comparing projective coordinates, which nothing here reproduces).
    /// </summary>
    [Fact]
    public void CheckGeP3Identity_MatchesMoneroSubgroupCheck() => AssertAll(CryptoLines("check_ge_p3_identity"), f =>
        Expect(f[3], Bool(EdwardsPoint.Decode(Hex(f[1])).IsTorsionFree)));

    [Fact]
    public void DeriveViewTag_MatchesMonero() => AssertAll(CryptoLines("derive_view_tag"), f =>
        Expect(f[3], KeyDerivation.FromEncoding(Hex(f[1])).ViewTag(Index(f[2])).ToString("x2", CultureInfo.InvariantCulture)));

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static ulong Index(string value) => ulong.Parse(value, CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
