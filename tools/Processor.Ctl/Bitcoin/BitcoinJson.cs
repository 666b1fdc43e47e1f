using System.Text.Json;
using System.Text.Json.Serialization;

namespace Processor.Ctl.Bitcoin;

// The JSON that `processorctl btc decode-block` and `decode-tx` print. Field names are camelCase and stable: scripts and
// interoperability checks rely on them. Hashes are in display (reversed) hex as bitcoind prints them; bytes are
// lower-case hex; amounts are integer satoshis.

/// <summary>A decoded block.</summary>
/// <param name="Hash">Block id: SHA-256d of the header.</param>
/// <param name="Bits">The compact target, 8 hex digits as in bitcoind's <c>getblockheader</c>.</param>
/// <param name="Time">Block time, seconds since the Unix epoch.</param>
/// <param name="StrippedSize">Bytes without witness data.</param>
/// <param name="MerkleRootValid">Whether the txids recompute the header's merkle root (and the list is not a CVE-2012-2459 mutation).</param>
/// <param name="WitnessCommitment">BIP141 check: <c>valid</c>, <c>not-present</c> (no witness data at all), <c>missing</c>, <c>bad-reserved-value</c> or <c>mismatch</c>.</param>
/// <param name="ProofOfWorkValid">Whether the hash meets the target; null on networks whose proof of work is not SHA-256d.</param>
public sealed record BlockJson(
    string Hash,
    int Version,
    string PreviousBlockHash,
    string MerkleRoot,
    uint Time,
    string Bits,
    uint Nonce,
    int Size,
    int StrippedSize,
    int Weight,
    int TransactionCount,
    bool MerkleRootValid,
    string WitnessCommitment,
    bool? ProofOfWorkValid,
    IReadOnlyList<TransactionJson> Transactions);

/// <summary>A decoded transaction.</summary>
/// <param name="Hash">The wtxid again, under the name bitcoind's <c>decoderawtransaction</c> uses.</param>
/// <param name="Vsize">Virtual size: weight / 4 rounded up.</param>
public sealed record TransactionJson(
    string Txid,
    string Wtxid,
    string Hash,
    int Version,
    uint LockTime,
    int Size,
    int Vsize,
    int Weight,
    bool Coinbase,
    IReadOnlyList<InputJson> Inputs,
    IReadOnlyList<OutputJson> Outputs);

/// <summary>An input: the outpoint it spends (a coinbase spends txid 0…0, vout 4294967295).</summary>
public sealed record InputJson(string Txid, uint Vout, string ScriptSig, uint Sequence, IReadOnlyList<string> Witness);

/// <summary>An output.</summary>
/// <param name="N">Index in the transaction.</param>
/// <param name="Value">Satoshis.</param>
/// <param name="Type">bitcoind's script type names: <c>pubkeyhash</c>, <c>scripthash</c>, <c>witness_v0_keyhash</c>, <c>witness_v0_scripthash</c>, <c>witness_v1_taproot</c>, <c>witness_unknown</c>, <c>nulldata</c>, <c>nonstandard</c>.</param>
/// <param name="Address">The address on the chosen network; null when the script has none.</param>
public sealed record OutputJson(int N, long Value, string ScriptPubKey, string Type, string? Address);

/// <summary>The output of <c>btc address</c>.</summary>
/// <param name="GroupKey">The DKG group key given with <c>--group-key</c> (SEC1); null when the network key was given.</param>
/// <param name="Tweak">Serai's tweak <c>t + c</c> of the group key (32-byte big-endian scalar); null when the network key was
/// given.</param>
/// <param name="NetworkKey">The network key, x-only as published.</param>
/// <param name="Addresses">One entry per kind: external, branch, change, forwarded.</param>
public sealed record AddressesJson(
    string Network, string? GroupKey, string? Tweak, string NetworkKey, IReadOnlyList<KindAddressJson> Addresses);

/// <summary>One kind's address in <see cref="AddressesJson"/>.</summary>
/// <param name="Offset">The kind's offset for this key (32-byte big-endian scalar): what a spend adds to the network key's secret.</param>
/// <param name="OutputKey">x(network key + offset·G): the taproot output key the address pays, untweaked.</param>
public sealed record KindAddressJson(string Kind, string Offset, string OutputKey, string ScriptPubKey, string Address);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BlockJson))]
[JsonSerializable(typeof(TransactionJson))]
[JsonSerializable(typeof(AddressesJson))]
internal sealed partial class BitcoinJsonContext : JsonSerializerContext
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Default);
}
