using System.Text.Json;
using Processor.Crypto.Secp256k1;
using Processor.Testing;

namespace Processor.Crypto.Tests.Secp256k1;

public sealed class TaprootTests
{
    [Fact]
    public void Bip341ScriptPubKeyVectors_GiveTheTweakAndOutputKey()
    {
        var vectors = RepositoryPaths.VectorJson("bip341/wallet-test-vectors.json");
        var count = 0;
        foreach (var entry in vectors.GetProperty("scriptPubKey").EnumerateArray())
        {
            var internalKey = Convert.FromHexString(entry.GetProperty("given").GetProperty("internalPubkey").GetString()!);
            var intermediary = entry.GetProperty("intermediary");
            var root = intermediary.GetProperty("merkleRoot").ValueKind == JsonValueKind.Null
                ? []
                : Convert.FromHexString(intermediary.GetProperty("merkleRoot").GetString()!);

            Assert.Equal(Convert.FromHexString(intermediary.GetProperty("tweak").GetString()!), Taproot.Tweak(internalKey, root));
            Assert.Equal(Convert.FromHexString(intermediary.GetProperty("tweakedPubkey").GetString()!), Taproot.OutputKey(internalKey, root).XOnly);
            count++;
        }

        Assert.Equal(7, count);
    }

    [Fact]
    public void OutputSecretKey_SignsForTheOutputKey()
    {
        var secretKey = Convert.FromHexString("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF");
        var outputKey = Taproot.OutputKey(Bip340.XOnlyPublicKey(secretKey));
        var signature = Bip340.Sign(Taproot.OutputSecretKey(secretKey), [7, 7, 7], new byte[32]);
        Assert.True(Bip340.Verify(signature, [7, 7, 7], outputKey.XOnly));
    }
}
