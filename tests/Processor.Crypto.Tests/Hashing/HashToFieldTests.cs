using System.Text;
using System.Text.Json;
using Processor.Crypto.Hashing;
using Processor.Testing;

namespace Processor.Crypto.Tests.Hashing;

/// <summary>
/// Serai's secp256k1 <c>hash_to_F</c>, against Serai's own test vector and the key-offset vectors of
/// <c>serai/bitcoin-keys.json</c>.
/// </summary>
public sealed class HashToFieldTests
{
    private static readonly JsonElement Vectors = RepositoryPaths.VectorJson("serai/bitcoin-keys.json").GetProperty("hash_to_F");

    /// <summary>(domain, base offsets, kind): Serai next's offsets and revision A's, whose domain and labels differ.</summary>
    public static TheoryData<string, string, string> BaseOffsets
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (domain, offsets) in new[] { ("key_dst_next", "base_offsets_next"), ("key_dst_A", "base_offsets_A") })
            {
                foreach (var kind in Vectors.GetProperty(offsets).EnumerateObject())
                {
                    data.Add(Vectors.GetProperty(domain).GetString()!, offsets, kind.Name);
                }
            }

            return data;
        }
    }

    [Fact]
    public void SeraisOwnVector_HashesToItsScalar()
    {
        var vector = Vectors.GetProperty("serai_reference_vector");

        using var scalar = HashToField.Secp256k1(
            Hex(vector, "msg_hex"), Encoding.UTF8.GetBytes(vector.GetProperty("dst_utf8").GetString()!));

        Assert.Equal(vector.GetProperty("expected_hex").GetString(), Convert.ToHexStringLower(scalar.Serialize()));
    }

    [Theory]
    [MemberData(nameof(BaseOffsets))]
    public void KeyOffsetLabels_ExpandAndReduceToTheVectorsBaseOffsets(string domain, string offsets, string kind)
    {
        var vector = Vectors.GetProperty(offsets).GetProperty(kind);
        var label = vector.GetProperty("label").GetString()!;

        var uniform = ExpandMessageXmd.Sha256(
            Encoding.UTF8.GetBytes(label), Encoding.UTF8.GetBytes(domain), HashToField.Secp256k1UniformLength);
        using var scalar = HashToField.Secp256k1(label, domain);

        Assert.Equal(Hex(vector, "expand_message_xmd_48_hex"), uniform);
        Assert.Equal(Hex(vector, "scalar_hex"), scalar.Serialize());
    }

    private static byte[] Hex(JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);
}
