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

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MoneroAddressesJson))]
internal sealed partial class MoneroJsonContext : JsonSerializerContext
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Default);
}
