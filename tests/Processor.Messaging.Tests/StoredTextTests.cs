using Processor.Messaging.Envelopes;

namespace Processor.Messaging.Tests;

/// <summary>Text from records is made storable without losing what it said.</summary>
public sealed class StoredTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\0b", "a\\0b")]
    [InlineData("c:\\dir\0", "c:\\\\dir\\0")]
    [InlineData("c:\\dir", "c:\\dir")]
    public void NulCharacter_IsEscapedReversibly(string text, string stored) => Assert.Equal(stored, StoredText.EscapeNul(text));

    [Fact]
    public void TextLongerThanTheLimit_IsCutWithAMarkerGivingItsLength()
    {
        var stored = StoredText.Bounded(new string('x', 10_000), 200);

        Assert.Equal(200, stored.Length);
        Assert.EndsWith("[truncated: 10000 characters in all]", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWithinTheLimit_IsKeptAsItIs() => Assert.Equal("short", StoredText.Bounded("short", 200));
}
