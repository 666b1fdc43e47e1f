using System.Text;
using Processor.Messaging.Storage;

namespace Processor.Messaging.Tests;

/// <summary>The relay's LISTEN/NOTIFY channel must be a valid Postgres identifier for every valid schema name.</summary>
public sealed class OutboxChannelTests
{
    private const int PostgresIdentifierLimit = 63;

    [Theory]
    [InlineData(1)]
    [InlineData(46)]
    [InlineData(47)]
    [InlineData(63)]
    public void ChannelOfAnySchemaLength_FitsPostgresIdentifierLimit(int schemaLength)
    {
        var schema = SchemaName.Validate("s" + new string('x', schemaLength - 1));

        Assert.InRange(Encoding.UTF8.GetByteCount(MessagingTables.OutboxChannel(schema)), 1, PostgresIdentifierLimit);
    }

    [Fact]
    public void SchemasSharingA50CharacterPrefix_GetDifferentChannels()
    {
        var prefix = new string('a', 50);

        Assert.NotEqual(MessagingTables.OutboxChannel(prefix + "_one"), MessagingTables.OutboxChannel(prefix + "_two"));
    }
}
