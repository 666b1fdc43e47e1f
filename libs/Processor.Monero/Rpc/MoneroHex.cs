using System.Text.Json;

namespace Processor.Monero.Rpc;

/// <summary>Hashes, keys and blobs as the node writes them in JSON (lowercase hex).</summary>
internal static class MoneroHex
{
    public static string CheckHash(string hash, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(hash))] string? name = null) =>
        IsHash(hash) ? hash.ToLowerInvariant() : throw new ArgumentException($"'{hash}' is not a 64-digit hex hash.", name);

    public static string Hash(JsonElement value)
    {
        var text = value.GetString();
        return IsHash(text) ? text!.ToLowerInvariant() : throw new FormatException($"'{text}' is not a 64-digit hex hash");
    }

    public static byte[] Key(JsonElement value) => IsHash(value.GetString()) ? Bytes(value) : throw new FormatException($"'{value}' is not a 32-byte hex key");

    public static byte[] Bytes(JsonElement value) => Convert.FromHexString(value.GetString() ?? throw new FormatException("null instead of hex"));

    private static bool IsHash(string? text) => text is { Length: 64 } && text.All(Uri.IsHexDigit);
}
