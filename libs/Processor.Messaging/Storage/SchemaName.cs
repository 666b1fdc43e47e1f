using System.Text.RegularExpressions;

namespace Processor.Messaging.Storage;

/// <summary>Schema names are spliced into SQL, so only plain lower-case identifiers are accepted.</summary>
public static partial class SchemaName
{
    public static string Validate(string schema)
    {
        if (!Pattern().IsMatch(schema))
        {
            throw new ArgumentException(
                $"'{schema}' is not a valid schema name: use lower-case letters, digits and '_', starting with a letter (max 63).",
                nameof(schema));
        }

        return schema;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex Pattern();
}
