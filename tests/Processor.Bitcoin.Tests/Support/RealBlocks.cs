using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Testing;

namespace Processor.Bitcoin.Tests.Support;

/// <summary>The real blocks in <c>../shared/vectors/blocks</c>; each file name ends with the block's hash.</summary>
public static class RealBlocks
{
    public const string Mainnet702861 = "mainnet-702861-000000000000000000000c835b2adcaedc20fdf6ee440009c249452c726dafae.hex";
    public const string MainnetPreSegwit = "mainnet-pre-segwit-0000000000013b8ab2cd513b0261a14096412195a72a0c4827d229dcc7e0f7af.hex";
    public const string Testnet924634 = "testnet3-924634-000000000000045e0b1660b6445b5e5c5ab63c9a4f956be7e1e69be04fa4497b.hex";
    public const string HugeWitnessTransaction = "mainnet-tx-huge-taproot-witness.hex";

    public static string Hex(string file) => File.ReadAllText(RepositoryPaths.Vector("blocks/" + file));

    public static byte[] Bytes(string file) => Convert.FromHexString(Hex(file).Trim());

    public static Block Parse(string file) => Block.Parse(Bytes(file));

    /// <summary>The hash in the file name.</summary>
    public static Hash256 ExpectedHash(string file) => Hash256.Parse(Path.GetFileNameWithoutExtension(file).Split('-')[^1]);

    public static BitcoinNetwork Network(string file) => file.StartsWith("testnet", StringComparison.Ordinal) ? BitcoinNetwork.Testnet : BitcoinNetwork.Mainnet;
}
