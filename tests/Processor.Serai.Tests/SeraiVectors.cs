using System.Globalization;
using System.Text.Json;
using Processor.Testing;

namespace Processor.Serai.Tests;

/// <summary>The files of <c>vectors/serai</c> and how their values read (hex without 0x, u64 as decimal strings).</summary>
internal static class SeraiVectors
{
    public static JsonElement Load(string file) => RepositoryPaths.VectorJson($"serai/{file}");

    /// <summary>The element of <paramref name="array"/> whose "name" is <paramref name="name"/>.</summary>
    public static JsonElement Named(this JsonElement array, string name) =>
        array.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(JsonElement array) => [.. array.EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static byte[] Hex(this JsonElement element) => Convert.FromHexString(element.GetString()!);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static ulong U64(this JsonElement element) => element.ValueKind == JsonValueKind.Number
        ? element.GetUInt64()
        : ulong.Parse(element.GetString()!, CultureInfo.InvariantCulture);

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>An InInstruction in the vectors' JSON shape: <c>{"Transfer": hex32}</c> or <c>{"Dex": hex}</c>.</summary>
    public static InInstruction InInstruction(JsonElement element) => element.TryGetProperty("Transfer", out var address)
        ? new InInstruction.Transfer(new SeraiAddress(address.Hex()))
        : new InInstruction.Dex(new Data(element.GetProperty("Dex").Hex()));

    /// <summary>A Balance in the vectors' JSON shape: <c>{"coin": name, "amount": "decimal"}</c>.</summary>
    public static Balance Balance(JsonElement element) =>
        new(Enum.Parse<Coin>(element.Text("coin")), new Amount(element.GetProperty("amount").U64()));
}
