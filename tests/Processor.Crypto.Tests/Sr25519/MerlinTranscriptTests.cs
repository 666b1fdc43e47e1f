using System.Text;
using System.Text.Json;
using Processor.Crypto.Sr25519;
using Processor.Testing;
using Schnorrkel = Processor.Crypto.Sr25519.Sr25519;

namespace Processor.Crypto.Tests.Sr25519;

/// <summary>Merlin and STROBE-128 against <c>serai/merlin.json</c> (the merlin crate's published outputs and @scure/sr25519's).</summary>
public sealed class MerlinTranscriptTests
{
    private static readonly JsonElement Vectors = RepositoryPaths.VectorJson("serai/merlin.json");

    [Fact]
    public void SimpleTranscript_GivesThePublishedChallenge()
    {
        var transcript = new MerlinTranscript("test protocol"u8);
        transcript.AppendMessage("some label"u8, "some data"u8);

        var challenge = transcript.ChallengeBytes("challenge"u8, 32);

        Assert.Equal(PublishedHex("simple"), Convert.ToHexStringLower(challenge));
    }

    [Fact]
    public void ComplexTranscript_GivesThePublishedChallenge()
    {
        var transcript = new MerlinTranscript("test protocol"u8);
        transcript.AppendMessage("step1"u8, "some data"u8);
        var bigData = Enumerable.Repeat((byte)0x63, 1024).ToArray();
        var challenge = Array.Empty<byte>();
        for (var i = 0; i < 32; i++)
        {
            challenge = transcript.ChallengeBytes("challenge"u8, 32);
            transcript.AppendMessage("bigdata"u8, bigData);
            transcript.AppendMessage("challengedata"u8, challenge);
        }

        Assert.Equal(PublishedHex("complex"), Convert.ToHexStringLower(challenge));
    }

    [Fact]
    public void StrobeConformanceSequence_GivesBothPrfOutputs()
    {
        var conformance = Vectors.GetProperty("strobe128_conformance");
        var strobe = new Strobe128("Conformance Test Protocol"u8);
        strobe.MetaAd("ms"u8, more: false);
        strobe.MetaAd("g"u8, more: true);
        strobe.Ad(Enumerable.Repeat((byte)0x63, 1024).ToArray(), more: false);
        strobe.MetaAd("prf"u8, more: false);
        var prf1 = new byte[32];
        strobe.Prf(prf1, more: false);
        strobe.MetaAd("key"u8, more: false);
        strobe.Key(prf1, more: false);
        strobe.MetaAd("prf"u8, more: false);
        var prf2 = new byte[32];
        strobe.Prf(prf2, more: false);

        Assert.Equal(conformance.GetProperty("prf1_hex").GetString(), Convert.ToHexStringLower(prf1));
        Assert.Equal(conformance.GetProperty("prf2_hex").GetString(), Convert.ToHexStringLower(prf2));
    }

    [Fact]
    public void ContinuingAnOperationWithOtherFlags_IsRefused()
    {
        var strobe = new Strobe128("p"u8);
        strobe.MetaAd("label"u8, more: false);

        Assert.Throws<InvalidOperationException>(() => strobe.Ad("data"u8, more: true));
    }

    [Fact]
    public void SigningContextTranscript_StepByStep_GivesTheChallengeBytesAndScalar()
    {
        var example = Vectors.GetProperty("sr25519_challenge_example");
        var publicKey = Hex(example, "public_key_hex");
        var r = Hex(example, "R_hex");
        var message = Hex(example, "message_hex");
        var transcript = new MerlinTranscript("SigningContext"u8);
        transcript.AppendMessage(""u8, "substrate"u8);
        transcript.AppendMessage("sign-bytes"u8, message);
        transcript.AppendMessage("proto-name"u8, "Schnorr-sig"u8);
        transcript.AppendMessage("sign:pk"u8, publicKey);
        transcript.AppendMessage("sign:R"u8, r);

        var challengeBytes = transcript.ChallengeBytes("sign:c"u8, 64);
        using var k = Schnorrkel.Challenge(publicKey, r, message, Schnorrkel.SubstrateContext);

        Assert.Equal(example.GetProperty("challenge_bytes_hex").GetString(), Convert.ToHexStringLower(challengeBytes));
        Assert.Equal(example.GetProperty("k_scalar_le_hex").GetString(), Convert.ToHexStringLower(k.Serialize()));
        Assert.Equal("substrate", Encoding.ASCII.GetString(Schnorrkel.SubstrateContext));
    }

    private static string PublishedHex(string name)
    {
        var vector = Vectors.GetProperty("published_vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        return vector.GetProperty("expected_hex").GetString()!;
    }

    private static byte[] Hex(JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);
}
