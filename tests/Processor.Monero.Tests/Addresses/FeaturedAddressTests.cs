using System.Text.Json;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Serialization;
using Processor.Testing;

namespace Processor.Monero.Tests.Addresses;

/// <summary>Serai's featured addresses (its <c>featured_addresses.json</c>): every flag combination on every network.</summary>
public sealed class FeaturedAddressTests
{
    [Fact]
    public void SeraiVectors_ParseToTheirKeysAndFlagsAndBack()
    {
        var vectors = RepositoryPaths.VectorJson("monero/serai-featured_addresses.json").EnumerateArray().ToList();
        Assert.Equal(24, vectors.Count);
        foreach (var vector in vectors)
        {
            var text = vector.GetProperty("address").GetString()!;
            var network = Enum.Parse<MoneroNetwork>(vector.GetProperty("network").GetString()!);
            var address = MoneroAddress.Parse(text, network);

            Assert.Equal(MoneroAddressKind.Featured, address.Kind);
            Assert.Equal(vector.GetProperty("spend").GetString(), address.SpendKey.ToString());
            Assert.Equal(vector.GetProperty("view").GetString(), address.ViewKey.ToString());
            Assert.Equal(vector.GetProperty("subaddress").GetBoolean(), address.IsSubaddress);
            Assert.Equal(vector.GetProperty("guaranteed").GetBoolean(), address.Features.HasFlag(MoneroAddressFeatures.Guaranteed));
            Assert.Equal(vector.GetProperty("integrated").GetBoolean(), address.Features.HasFlag(MoneroAddressFeatures.PaymentId));
            Assert.Equal(PaymentId(vector), address.PaymentId);
            Assert.Equal(text, address.ToString());
            Assert.Equal(text, new MoneroAddress(network, address.Features, address.SpendKey, address.ViewKey, PaymentId(vector)).ToString());
        }
    }

    [Fact]
    public void UnknownFeatureBits_AreRefused()
    {
        var keys = MoneroAddress.Parse("4B33mFPMq6mKi7Eiyd5XuyKRVMGVZz1Rqb9ZTyGApXW5d1aT7UBDZ89ewmnWFkzJ5wPd2SFbn313vCT8a4E2Qf4KQH4pNey");
        var body = new MoneroWriter().WriteVarint(70).WriteBytes(keys.SpendKey.Encoding).WriteBytes(keys.ViewKey.Encoding).WriteVarint(8);
        var text = MoneroBase58.Encode(body.WriteBytes(MoneroHash.Keccak(body.Written).AsSpan(0, 4)).ToArray());

        var error = Assert.Throws<FormatException>(() => MoneroAddress.Parse(text));
        Assert.Contains("unknown features 8", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MoneroAddress(MoneroNetwork.Mainnet, (MoneroAddressFeatures)8, keys.SpendKey, keys.ViewKey));
        Assert.Throws<ArgumentException>(() => new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Featured, keys.SpendKey, keys.ViewKey));
    }

    private static byte[]? PaymentId(JsonElement vector) =>
        vector.TryGetProperty("payment_id", out var id) ? [.. id.EnumerateArray().Select(b => (byte)b.GetInt32())] : null;
}
