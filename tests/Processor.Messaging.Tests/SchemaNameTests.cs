using Processor.Messaging.Storage;

namespace Processor.Messaging.Tests;

public sealed class SchemaNameTests
{
    [Theory]
    [InlineData("scanner")]
    [InlineData("reporter_v2")]
    [InlineData("a1")]
    public void PlainLowerCaseIdentifier_IsAccepted(string schema) => Assert.Equal(schema, SchemaName.Validate(schema));

    [Theory]
    [InlineData("")]
    [InlineData("Scanner")]
    [InlineData("1scanner")]
    [InlineData("scanner; DROP TABLE x")]
    [InlineData("scan-ner")]
    public void AnythingElse_IsRefusedWithTheReason(string schema)
    {
        var error = Assert.Throws<ArgumentException>(() => SchemaName.Validate(schema));

        Assert.Contains("not a valid schema name", error.Message, StringComparison.Ordinal);
    }
}
