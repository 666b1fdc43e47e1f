using Processor.Crypto.Sodium;

namespace Processor.Crypto.Tests.Sodium;

/// <summary>libsodium's RFC 8032 Ed25519 signatures, the baseline of the Monero benchmarks.</summary>
public sealed class Ed25519SignatureTests
{
    // RFC 8032 §7.1, TEST 1 (empty message).
    private static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private const string PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Signature = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [Fact]
    public void Rfc8032Test1_MatchesTheVector()
    {
        Assert.Equal(PublicKey, Convert.ToHexStringLower(Ed25519Signature.PublicKey(Seed)));
        Assert.Equal(Signature, Convert.ToHexStringLower(Ed25519Signature.Sign(Seed, [])));
        Assert.True(Ed25519Signature.Verify(Convert.FromHexString(Signature), [], Convert.FromHexString(PublicKey)));
    }

    [Fact]
    public void SignatureOfAnotherMessage_FailsVerification() =>
        Assert.False(Ed25519Signature.Verify(Convert.FromHexString(Signature), [0], Convert.FromHexString(PublicKey)));

    [Fact]
    public void SeedOfAnotherLength_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Ed25519Signature.Sign(new byte[31], []));
}
