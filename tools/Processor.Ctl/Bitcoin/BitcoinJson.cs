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
/// <param name="Key">The group key given (x-only).</param>
/// <param name="InternalKey">x(GroupKey + offset_kind·G): the taproot internal key.</param>
/// <param name="OutputKey">The tweaked taproot output key the address pays.</param>
public sealed record AddressJson(string Network, string Kind, string Key, string InternalKey, string OutputKey, string ScriptPubKey, string Address);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BlockJson))]
[JsonSerializable(typeof(TransactionJson))]
[JsonSerializable(typeof(AddressJson))]
internal sealed partial class BitcoinJsonContext : JsonSerializerContext
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Default);
}
