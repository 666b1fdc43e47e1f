using System.Text.Json;
using Processor.Crypto.Groups;
using Processor.Testing;
using Schnorrkel = Processor.Crypto.Sr25519.Sr25519;

namespace Processor.Crypto.Tests.Sr25519;

/// <summary>
/// sr25519 verification against <c>serai/sr25519-batch-signatures.json</c>: every verdict there was given by both
/// @scure/sr25519 and Rust schnorrkel (compiled to WebAssembly).
/// </summary>
public sealed class Sr25519VerifyTests
{
    private static readonly JsonElement Vectors = RepositoryPaths.VectorJson("serai/sr25519-batch-signatures.json");

    private static Ristretto255Group Group => Ristretto255Group.Instance;

    public static TheoryData<string> ValidNames() => Names("valid");

    public static TheoryData<string> InvalidNames() => Names("invalid");

    public static TheoryData<string> ThirdPartyNames() => Names("third_party");

    [Fact]
    public void VectorFile_HasEveryCaseTheSpecLists()
    {
        Assert.Equal(5, ValidNames().Count);
        Assert.Equal(9, InvalidNames().Count);
        Assert.Equal(2, ThirdPartyNames().Count);
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void ValidBatchSignature_IsAccepted(string name)
    {
        var vector = Find("valid", name);

        Assert.Equal("accept", vector.GetProperty("expected").GetString());
        Assert.True(Schnorrkel.Verify(Hex(vector, "public_key_hex"), Hex(vector, "message_hex"), Hex(vector, "signature_hex")));
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void ValidBatchSignature_HasTheVectorsChallenge(string name)
    {
        var vector = Find("valid", name);

        using var k = Schnorrkel.Challenge(Hex(vector, "public_key_hex"), Hex(vector, "R_hex"), Hex(vector, "message_hex"), Schnorrkel.SubstrateContext);

        Assert.Equal(vector.GetProperty("k_scalar_le_hex").GetString(), Convert.ToHexStringLower(k.Serialize()));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void InvalidBatchSignature_IsRejected(string name)
    {
        var vector = Find("invalid", name);

        Assert.Equal("reject", vector.GetProperty("expected").GetString());
        Assert.False(Schnorrkel.Verify(Hex(vector, "public_key_hex"), Hex(vector, "message_hex"), Hex(vector, "signature_hex")));
    }

    [Theory]
    [MemberData(nameof(ThirdPartyNames))]
    public void ThirdPartySignature_GetsTheReferenceVerdict(string name)
    {
        var vector = Find("third_party", name);

        var accepted = Schnorrkel.Verify(Hex(vector, "public_key_hex"), Hex(vector, "message_hex"), Hex(vector, "signature_hex"));

        Assert.Equal(vector.GetProperty("expected").GetString() == "accept", accepted);
    }

    [Fact]
    public void SignatureInAnotherContext_VerifiesOnlyInThatContext()
    {
        var vector = Find("invalid", "wrong_signing_context");
        var (publicKey, message, signature) = (Hex(vector, "public_key_hex"), Hex(vector, "message_hex"), Hex(vector, "signature_hex"));

        Assert.True(Schnorrkel.Verify(publicKey, message, signature, "serai"u8));
        Assert.False(Schnorrkel.Verify(publicKey, message, signature));
    }

    [Theory]
    [InlineData(31, 64)]
    [InlineData(33, 64)]
    [InlineData(32, 63)]
    [InlineData(32, 65)]
    [InlineData(0, 0)]
    public void WrongLengths_AreRejected(int publicKeyLength, int signatureLength)
    {
        var vector = Find("valid", ValidNames().First().Data);
        var publicKey = Hex(vector, "public_key_hex");
        var signature = Hex(vector, "signature_hex");

        Assert.False(Schnorrkel.Verify(Resize(publicKey, publicKeyLength), Hex(vector, "message_hex"), Resize(signature, signatureLength)));
    }

    [Fact]
    public void IdentityOrNonCanonicalPublicKey_IsRejected()
    {
        var vector = Find("valid", ValidNames().First().Data);
        var message = Hex(vector, "message_hex");
        var signature = Hex(vector, "signature_hex");

        // All-ones is not a canonical ristretto255 encoding (its field element is above p).
        Assert.False(Schnorrkel.Verify(new byte[32], message, signature));
        Assert.False(Schnorrkel.Verify(Enumerable.Repeat((byte)0xff, 32).ToArray(), message, signature));
    }

    /// <summary>
    /// The spec's 2-of-3 threshold illustration rebuilt from its inputs: shares from the polynomial, Lagrange coefficients,
    /// nonce commitments, R, k, the partial s values and the final signature all equal the vector's, and it verifies.
    /// </summary>
    [Fact]
    public void ThresholdExample_IsReproducedFromItsInputs()
    {
        var example = Vectors.GetProperty("threshold_example");
        var message = Hex(example, "message_hex");
        using var a0 = Group.DeserializeScalar(Hex(example, "group_secret_a0_le_hex"));
        using var a1 = Group.DeserializeScalar(Hex(example, "a1_le_hex"));
        var groupKey = Group.MultiplyGenerator(a0);
        Assert.Equal(example.GetProperty("group_key_hex").GetString(), Convert.ToHexStringLower(groupKey.Serialize()));

        var shares = new Dictionary<int, Scalar>();
        foreach (var participant in example.GetProperty("participants").EnumerateArray())
        {
            var index = participant.GetProperty("index").GetInt32();
            using var i = Group.ScalarFromInteger(index);
            using var slope = a1 * i;
            var share = a0 + slope;
            Assert.Equal(participant.GetProperty("share_le_hex").GetString(), Convert.ToHexStringLower(share.Serialize()));
            Assert.Equal(participant.GetProperty("verification_share_hex").GetString(), Convert.ToHexStringLower(Group.MultiplyGenerator(share).Serialize()));
            shares[index] = share;
        }

        var signers = example.GetProperty("signers").EnumerateArray().ToList();
        var indices = signers.Select(s => s.GetProperty("index").GetInt32()).ToList();
        var nonces = signers.Select(s => Group.DeserializeScalar(Hex(s, "nonce_le_hex"))).ToList();
        var r = Group.Sum(nonces.Select(Group.MultiplyGenerator));
        for (var n = 0; n < signers.Count; n++)
        {
            Assert.Equal(signers[n].GetProperty("nonce_commitment_hex").GetString(), Convert.ToHexStringLower(Group.MultiplyGenerator(nonces[n]).Serialize()));
        }

        Assert.Equal(example.GetProperty("R_hex").GetString(), Convert.ToHexStringLower(r.Serialize()));
        using var k = Schnorrkel.Challenge(groupKey.Serialize(), r.Serialize(), message, Schnorrkel.SubstrateContext);
        Assert.Equal(example.GetProperty("k_scalar_le_hex").GetString(), Convert.ToHexStringLower(k.Serialize()));

        var s = Group.ScalarFromInteger(0);
        for (var n = 0; n < signers.Count; n++)
        {
            using var lambda = Lagrange(indices[n], indices);
            using var weighted = lambda * shares[indices[n]];
            using var challenged = k * weighted;
            using var partial = nonces[n] + challenged;
            Assert.Equal(signers[n].GetProperty("lagrange_le_hex").GetString(), Convert.ToHexStringLower(lambda.Serialize()));
            Assert.Equal(signers[n].GetProperty("partial_s_le_hex").GetString(), Convert.ToHexStringLower(partial.Serialize()));
            s = s + partial;
        }

        Assert.Equal(example.GetProperty("s_le_hex").GetString(), Convert.ToHexStringLower(s.Serialize()));
        byte[] signature = [.. r.Serialize(), .. s.Serialize()];
        signature[^1] |= 0x80;
        Assert.Equal(example.GetProperty("signature_hex").GetString(), Convert.ToHexStringLower(signature));
        Assert.True(Schnorrkel.Verify(groupKey.Serialize(), message, signature));
    }

    /// <summary>λ_i = Π_{j ≠ i} j / (j − i) over the signer indices.</summary>
    private static Scalar Lagrange(int index, List<int> indices)
    {
        var numerator = indices.Where(j => j != index).Aggregate(1L, (product, j) => product * j);
        var denominator = indices.Where(j => j != index).Aggregate(1L, (product, j) => product * (j - index));
        using var top = Group.ScalarFromInteger(numerator);
        using var bottom = Group.ScalarFromInteger(denominator);
        using var inverse = Group.InvertPublic(bottom);
        return top * inverse;
    }

    private static TheoryData<string> Names(string section) => [.. Vectors.GetProperty(section).EnumerateArray().Select(v => v.GetProperty("name").GetString()!)];

    private static JsonElement Find(string section, string name) =>
        Vectors.GetProperty(section).EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static byte[] Hex(JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);

    private static byte[] Resize(byte[] bytes, int length)
    {
        var resized = new byte[length];
        bytes.AsSpan(0, Math.Min(length, bytes.Length)).CopyTo(resized);
        return resized;
    }
}
