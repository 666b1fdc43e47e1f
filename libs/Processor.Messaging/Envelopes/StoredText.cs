namespace Processor.Messaging.Envelopes;

/// <summary>
/// Text taken from records (header names, types, reasons built from them) made storable: Postgres text and jsonb cannot
/// hold a NUL character, so it is escaped, and a text longer than a limit is cut with a marker saying how long it was.
/// </summary>
public static class StoredText
{
    /// <summary>Escape for NUL: a backslash is doubled first, so the escaping can be undone.</summary>
    public static string EscapeNul(string text) =>
        text.Contains('\0', StringComparison.Ordinal)
            ? text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal)
            : text;

    /// <summary><paramref name="text"/> cut to <paramref name="maxLength"/> characters (marker included) if it is longer.</summary>
    public static string Bounded(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var marker = $"… [truncated: {text.Length} characters in all]";
        return text[..Math.Max(0, maxLength - marker.Length)] + marker;
    }
}
