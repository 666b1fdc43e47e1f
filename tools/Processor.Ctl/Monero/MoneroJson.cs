using System.Text.Json;
using System.Text.Json.Serialization;

namespace Processor.Ctl.Monero;

// The JSON that `processorctl xmr` prints. Field names are camelCase and stable: scripts and interoperability checks rely
// on them. Keys, hashes and bytes are lowercase hex; amounts are integer atomic units (piconero).

/// <summary>The output of <c>xmr addresses</c>.</summary>
/// <param name="SpendKey">The group spend key given.</param>
/// <param name="ViewKey"><c>serai-shared</c> (Serai's shared view key, index 0) or <c>given</c> (never printed).</param>
/// <param name="PublicViewKey">a·G for the view key used.</param>
/// <param name="StandardAddress">The primary address (spend key, a·G).</param>
/// <param name="Addresses">One subaddress per output kind: external, branch, change, forwarded.</param>
public sealed record MoneroAddressesJson(
    string Network, string SpendKey, string ViewKey, string PublicViewKey, string StandardAddress, IReadOnlyList<MoneroKindAddressJson> Addresses);

/// <summary>One output kind's subaddress in <see cref="MoneroAddressesJson"/>.</summary>
/// <param name="SpendKey">The subaddress's spend key D = B + m·G.</param>
/// <param name="ViewKey">The subaddress's view key C = a·D.</param>
public sealed record MoneroKindAddressJson(string Kind, uint Major, uint Minor, string SpendKey, string ViewKey, string Address);

/// <summary>The output of <c>xmr decode-tx</c>.</summary>
/// <param name="Txid">The transaction id (v1: Keccak of the bytes; v2: Keccak of the three part hashes).</param>
/// <param name="Size">Bytes.</param>
/// <param name="Weight">The weight monerod charges the fee for (the size plus the Bulletproofs(+) clawback).</param>
/// <param name="RctType">The RingCT type number (0 miner, 5 CLSAG+Bulletproofs, 6 CLSAG+Bulletproofs+); null for v1.</param>
/// <param name="RctTypeName">Its name.</param>
/// <param name="Fee">The fee in atomic units; null for v1 and miner transactions.</param>
/// <param name="SignatureHash">The message its CLSAGs sign; null when it has none.</param>
public sealed record MoneroTransactionJson(
    string Txid,
    ulong Version,
    ulong UnlockTime,
    bool Coinbase,
    int Size,
    ulong Weight,
    int? RctType,
    string? RctTypeName,
    ulong? Fee,
    string? SignatureHash,
    IReadOnlyList<MoneroInputJson> Inputs,
    IReadOnlyList<MoneroOutputJson> Outputs,
    MoneroExtraJson Extra);

/// <summary>An input: <c>generation</c> (a miner transaction's, with the block height) or <c>key</c> (a ring spend).</summary>
/// <param name="KeyOffsets">The ring members as serialized: the first global index, then differences.</param>
/// <param name="RingIndices">The ring members' global indices.</param>
public sealed record MoneroInputJson(
    string Kind, ulong? Height, ulong? Amount, string? KeyImage, IReadOnlyList<ulong>? KeyOffsets, IReadOnlyList<ulong>? RingIndices);

/// <summary>An output.</summary>
/// <param name="Amount">The plaintext amount (miner and v1 outputs); 0 under RingCT.</param>
/// <param name="ViewTag">The view tag (1 byte, hex), or null for an output without one.</param>
/// <param name="EncryptedAmount">The 8-byte encrypted amount (RingCT), or null.</param>
/// <param name="Commitment">The amount commitment (RingCT), or null.</param>
public sealed record MoneroOutputJson(int Index, ulong Amount, string Key, string? ViewTag, string? EncryptedAmount, string? Commitment);

/// <summary>The tx extra: its bytes, whether monerod's rules parse all of it, and the fields read.</summary>
public sealed record MoneroExtraJson(string Hex, bool FullyParsed, IReadOnlyList<MoneroExtraFieldJson> Fields);

/// <summary>One tx extra field; only the properties of its <see cref="Type"/> are set.</summary>
/// <param name="Type"><c>padding</c>, <c>publicKey</c>, <c>nonce</c>, <c>additionalPublicKeys</c>, <c>mergeMining</c> or <c>minerGate</c>.</param>
/// <param name="ArbitraryData">A nonce's arbitrary data (marker 127), where Serai puts a deposit's instruction.</param>
public sealed record MoneroExtraFieldJson(
    string Type,
    int? Length = null,
    string? Key = null,
    IReadOnlyList<string>? Keys = null,
    string? Data = null,
    string? PaymentId = null,
    string? EncryptedPaymentId = null,
    string? ArbitraryData = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MoneroAddressesJson))]
[JsonSerializable(typeof(MoneroTransactionJson))]
internal sealed partial class MoneroJsonContext : JsonSerializerContext
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Default);
}
