using System.Text.Json;
using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;
using Processor.Crypto.Threshold.Frost;
using Processor.Testing;

namespace Processor.Crypto.Threshold.Tests.Frost;

/// <summary>RFC 9591 Appendix E vectors and the Zcash Foundation frost-secp256k1-tr vectors, step by step.</summary>
public sealed class FrostVectorTests
{
    public static TheoryData<string> Vectors() =>
    [
        "frost-rfc9591/frost-ristretto255-sha512.json",
        "frost-rfc9591/frost-ed25519-sha512.json",
        "frost-rfc9591/frost-secp256k1-sha256.json",
        "frost-zf-secp256k1-tr/vectors.json",
        "frost-zf-secp256k1-tr/vectors-big-identifier.json",
    ];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_EveryIntermediateValueAndTheSignatureMatch(string file)
    {
        var suite = SuiteFor(file);
        var group = suite.Group;
        var root = RepositoryPaths.VectorJson(file);
        var inputs = root.GetProperty("inputs");
        var groupKeyHex = inputs.TryGetProperty("group_public_key", out var gpk) ? gpk : inputs.GetProperty("verifying_key_key");
        var groupKey = group.DeserializeElement(Hex(groupKeyHex));
        var message = Hex(inputs.GetProperty("message"));

        // Trusted dealer: the vector's polynomial reproduces its shares and group key.
        using var secret = group.DeserializeScalar(Hex(inputs.GetProperty("group_secret_key")));
        List<Scalar> coefficients = [secret, .. inputs.GetProperty("share_polynomial_coefficients").EnumerateArray().Select(c => group.DeserializeScalar(Hex(c)))];
        var vectorShares = inputs.GetProperty("participant_shares").EnumerateArray().ToList();
        using var polynomial = Polynomial.FromCoefficients(coefficients);
        var dealt = TrustedDealer.Split(polynomial, [.. vectorShares.Select(s => Id(group, s))]);
        Assert.Equal(groupKey, dealt.PublicKey.GroupPublicKey);
        foreach (var (share, vector) in dealt.Shares.Zip(vectorShares))
        {
            Assert.Equal(Hex(vector.GetProperty("participant_share")), share.ExportSigningShare());
        }

        // Round 1 from the vector's randomness.
        var round1 = root.GetProperty("round_one_outputs").GetProperty("outputs").EnumerateArray().ToList();
        var shares = dealt.Shares.ToDictionary(s => s.Identifier);
        var nonces = new Dictionary<Identifier, SigningNonces>();
        foreach (var output in round1)
        {
            var share = shares[Id(group, output)];
            var hidingRandomness = Hex(output.GetProperty("hiding_nonce_randomness"));
            var bindingRandomness = Hex(output.GetProperty("binding_nonce_randomness"));
            using var hidingNonce = suite.HashToScalar("nonce", [.. hidingRandomness, .. share.ExportSigningShare()]);
            Assert.Equal(Hex(output.GetProperty("hiding_nonce")), hidingNonce.Serialize());
            var made = suite.CreateNonces(share, hidingRandomness, bindingRandomness);
            Assert.Equal(Hex(output.GetProperty("hiding_nonce_commitment")), made.Commitments.Hiding.Serialize());
            Assert.Equal(Hex(output.GetProperty("binding_nonce_commitment")), made.Commitments.Binding.Serialize());
            nonces[share.Identifier] = made;
        }

        var package = new SigningPackage(nonces.Values.Select(n => n.Commitments), message);
        var context = SigningContext.Create(suite, package, groupKey);
        foreach (var output in round1)
        {
            Assert.Equal(Hex(output.GetProperty("binding_factor")), context.BindingFactor(Id(group, output)).Serialize());
        }

        // Round 2 and aggregation.
        var signatureShares = new List<SignatureShare>();
        foreach (var output in root.GetProperty("round_two_outputs").GetProperty("outputs").EnumerateArray())
        {
            var id = Id(group, output);
            var signatureShare = suite.Sign(package, nonces[id], shares[id]);
            Assert.Equal(Hex(output.GetProperty("sig_share")), signatureShare.ToScalar().Serialize());
            signatureShares.Add(signatureShare);
        }

        var signature = suite.Aggregate(package, signatureShares, dealt.PublicKey);
        Assert.Equal(Hex(root.GetProperty("final_output").GetProperty("sig")), signature);
        Assert.True(suite.Verify(signature, message, groupKey));
        if (suite is TaprootCiphersuite)
        {
            Assert.True(Bip340.Verify(signature, message, Secp256k1Group.Instance.XOnly(groupKey)));
        }
    }

    private static FrostCiphersuite SuiteFor(string file) => file switch
    {
        _ when file.Contains("ristretto255", StringComparison.Ordinal) => FrostCiphersuite.Ristretto255Sha512,
        _ when file.Contains("ed25519", StringComparison.Ordinal) => FrostCiphersuite.Ed25519Sha512,
        _ when file.Contains("rfc9591", StringComparison.Ordinal) => FrostCiphersuite.Secp256k1Sha256,
        _ => FrostCiphersuite.Secp256k1Bip340,
    };

    private static Identifier Id(PrimeOrderGroup group, JsonElement element) => element.GetProperty("identifier") is var id
        && id.ValueKind == JsonValueKind.Number
            ? Identifier.FromIndex(group, id.GetInt32())
            : Identifier.Deserialize(group, Hex(id));

    private static byte[] Hex(JsonElement element) => Convert.FromHexString(element.GetString()!);
}
