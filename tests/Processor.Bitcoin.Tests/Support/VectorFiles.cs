using System.Text.Json;
using Processor.Testing;

namespace Processor.Bitcoin.Tests.Support;

/// <summary>The JSON vector files of <c>../shared/vectors</c>, loaded once.</summary>
public static class VectorFiles
{
    public static JsonElement Bech32 { get; } = RepositoryPaths.VectorJson("bech32/bech32-bech32m-vectors.json");

    public static JsonElement Bip341 { get; } = RepositoryPaths.VectorJson("bip341/wallet-test-vectors.json");

    public static JsonElement SeraiBitcoinKeys { get; } = RepositoryPaths.VectorJson("serai/bitcoin-keys.json");

    public static JsonElement SeraiBitcoinExternalAddresses { get; } = RepositoryPaths.VectorJson("serai/bitcoin-external-address.json");

    public static byte[] Hex(JsonElement element) => Convert.FromHexString(element.GetString()!);
}
