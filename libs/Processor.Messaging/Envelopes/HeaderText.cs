using System.Text;

namespace Processor.Messaging.Envelopes;

/// <summary>Header values are UTF-8 text; records from outside may carry anything, so decoding is strict.</summary>
public static class HeaderText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The value as text, or null when it is absent or not valid UTF-8.</summary>
    public static string? TryDecode(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return Strict.GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
