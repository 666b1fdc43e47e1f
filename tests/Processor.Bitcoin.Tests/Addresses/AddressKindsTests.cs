using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;
using Processor.Crypto.Secp256k1;
using BigInteger = System.Numerics.BigInteger;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Processor.Bitcoin.Tests.Addresses;

/// <summary>
/// The processor's address for a group key and kind, checked against an independent computation with BouncyCastle's
/// managed curve arithmetic.
/// </summary>
public sealed class AddressKindsTests
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    // x-only keys of the secret keys 1 (G itself) and 3, and the BIP340 vector 1 key.
    public static TheoryData<string> GroupKeys =>
    [
        "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
        "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9",
        "dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659",
    ];

    [Fact]
    public void Offsets_AreTheTaggedHashesOfTheKindNamesModN()
    {
        var n = new BigInteger(Curve.N.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
        foreach (var kind in AddressKinds.All)
        {
            var tag = SHA256.HashData(Encoding.UTF8.GetBytes("Processor/address-kind"));
            var hash = SHA256.HashData([.. tag, .. tag, .. Encoding.UTF8.GetBytes(AddressKinds.Name(kind))]);
            var expected = new BigInteger(hash, isUnsigned: true, isBigEndian: true) % n;

            Assert.Equal(expected, new BigInteger(AddressKinds.Offset(kind), isUnsigned: true, isBigEndian: true));
        }

        Assert.Equal(4, AddressKinds.All.Select(k => Convert.ToHexString(AddressKinds.Offset(k))).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(GroupKeys))]
    public void OutputKey_EqualsTheIndependentPointArithmetic(string groupKeyHex)
    {
        var groupKey = Convert.FromHexString(groupKeyHex);
        foreach (var kind in AddressKinds.All)
        {
            var offsetPoint = LiftX(groupKey).Add(Curve.G.Multiply(new BcBigInteger(1, AddressKinds.Offset(kind)))).Normalize();
            var internalKey = offsetPoint.AffineXCoord.GetEncoded();
            var tweak = Bip340.TaggedHash("TapTweak", internalKey);
            var outputPoint = LiftX(internalKey).Add(Curve.G.Multiply(new BcBigInteger(1, tweak))).Normalize();

            Assert.Equal(internalKey, AddressKinds.InternalKey(groupKey, kind));
            Assert.Equal(outputPoint.AffineXCoord.GetEncoded(), AddressKinds.OutputKey(groupKey, kind));
        }
    }

    [Theory]
    [MemberData(nameof(GroupKeys))]
    public void EachKind_HasItsOwnTaprootAddressThatDecodesToItsScript(string groupKeyHex)
    {
        var groupKey = Convert.FromHexString(groupKeyHex);

        var scripts = AddressKinds.All.Select(k => AddressKinds.ScriptPubKey(groupKey, k)).ToList();

        Assert.Equal(4, scripts.Select(Convert.ToHexString).Distinct().Count());
        foreach (var kind in AddressKinds.All)
        {
            var address = AddressKinds.Address(groupKey, kind, BitcoinNetwork.LitecoinRegtest);
            Assert.StartsWith("rltc1p", address, StringComparison.Ordinal);
            Assert.Equal(AddressKinds.ScriptPubKey(groupKey, kind), BitcoinAddress.ToScriptPubKey(address, BitcoinNetwork.LitecoinRegtest));
            Assert.Equal(ScriptKind.PayToTaproot, ScriptPubKeys.Classify(AddressKinds.ScriptPubKey(groupKey, kind)));
        }
    }

    [Fact]
    public void SpendingKey_SignsForTheOutputKey()
    {
        // d = 3: the group's secret, as if reconstructed; the signer's tweaking must produce a key valid under Q.
        var secret = new byte[32];
        secret[^1] = 3;
        var groupKey = Bip340.XOnlyPublicKey(secret);
        var message = SHA256.HashData("spend"u8);
        foreach (var kind in AddressKinds.All)
        {
            var internalSecret = Bip340.TweakSecretKey(secret, AddressKinds.Offset(kind));
            var outputSecret = Taproot.OutputSecretKey(internalSecret);
            var signature = Bip340.Sign(outputSecret, message, new byte[32]);

            Assert.True(Bip340.Verify(signature, message, AddressKinds.OutputKey(groupKey, kind)));
        }
    }

    [Theory]
    [InlineData("external", AddressKind.External)]
    [InlineData("Branch", AddressKind.Branch)]
    [InlineData("CHANGE", AddressKind.Change)]
    [InlineData("forwarded", AddressKind.Forwarded)]
    public void KindName_ParsesCaseInsensitively(string name, AddressKind kind) => Assert.Equal(kind, AddressKinds.Parse(name));

    [Fact]
    public void UnknownKindName_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => AddressKinds.Parse("refund"));

        Assert.Contains("external, branch, change, forwarded", ex.Message, StringComparison.Ordinal);
    }

    private static ECPoint LiftX(byte[] x) => Curve.Curve.DecodePoint([0x02, .. x]);
}
