using System.Security.Cryptography;
using Processor.Crypto.Groups;
using Processor.Testing;

namespace Processor.Crypto.Tests.Groups;

/// <summary>The Ed25519 group against RFC 9591's FROST(Ed25519, SHA-512) vector: its group key and its (RFC 8032) signature.</summary>
public sealed class Ed25519GroupTests
{
    private static readonly Ed25519Group Group = Ed25519Group.Instance;

    [Fact]
    public void GroupSecretKey_GivesTheVectorsGroupPublicKey()
    {
        var inputs = RepositoryPaths.VectorJson("frost-rfc9591/frost-ed25519-sha512.json").GetProperty("inputs");
        using var secret = Group.DeserializeScalar(Convert.FromHexString(inputs.GetProperty("group_secret_key").GetString()!));
        Assert.Equal(inputs.GetProperty("group_public_key").GetString(), Convert.ToHexStringLower(Group.MultiplyGenerator(secret).Serialize()));
    }

    [Fact]
    public void VectorSignature_VerifiesAsEd25519()
    {
        var vector = RepositoryPaths.VectorJson("frost-rfc9591/frost-ed25519-sha512.json");
        var publicKey = Convert.FromHexString(vector.GetProperty("inputs").GetProperty("group_public_key").GetString()!);
        var message = Convert.FromHexString(vector.GetProperty("inputs").GetProperty("message").GetString()!);
        var signature = Convert.FromHexString(vector.GetProperty("final_output").GetProperty("sig").GetString()!);

        var r = Group.DeserializeElement(signature.AsSpan(0, 32));
        using var z = Group.DeserializeScalar(signature.AsSpan(32));
        using var challenge = Group.ReduceWide(SHA512.HashData([.. signature.AsSpan(0, 32), .. publicKey, .. message]));

        Assert.Equal(Group.MultiplyGenerator(z), r + Group.DeserializeElement(publicKey) * challenge);
    }

    [Fact]
    public void SmallOrderOrNonCanonicalEncodings_AreRefused()
    {
        // The identity, a point of order 4 (y = 0), and a non-canonical y (the field prime).
        var order4 = new byte[32];
        Assert.Throws<FormatException>(() => Group.DeserializeElement(Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000")));
        Assert.Throws<FormatException>(() => Group.DeserializeElement(order4));
        Assert.Throws<FormatException>(() => Group.DeserializeElement(Convert.FromHexString("EDFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF7F")));
    }

    [Fact]
    public void Invert_IsTheMultiplicativeInverse()
    {
        using var a = Group.RandomScalar();
        using var inverse = Group.Invert(a);
        Assert.True(Group.ToIntegerPublic(a * inverse).IsOne);
        Assert.Throws<DivideByZeroException>(() => Group.Invert(Group.ScalarFromInteger(0)));
    }
}
