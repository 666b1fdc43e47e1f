using System.Text.RegularExpressions;

namespace Processor.Deployment.Tests;

/// <summary>A <c>${NAME...}</c> variable reference in a compose value.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Operator">
/// <c>:-</c> or <c>-</c> (default), <c>:?</c> or <c>?</c> (required, with an error message), <c>:+</c> or <c>+</c>
/// (alternative), or null for a plain <c>${NAME}</c>.
/// </param>
/// <param name="Argument">The default, message or alternative; null for a plain reference.</param>
internal sealed record VariableReference(string Name, string? Operator, string? Argument)
{
    /// <summary>Whether the file supplies a value when the variable is unset (a default).</summary>
    public bool HasDefault => Operator is ":-" or "-";
}

/// <summary>Compose's variable interpolation, as far as these tests need it (no nesting).</summary>
internal static partial class Interpolation
{
    private const string EscapedDollar = "\u0001";

    /// <summary>Every variable reference in <paramref name="value"/> (<c>$$</c> is an escaped dollar, not a reference).</summary>
    public static IReadOnlyList<VariableReference> References(string value) =>
        [.. Pattern().Matches(value.Replace("$$", EscapedDollar, StringComparison.Ordinal)).Select(ToReference)];

    /// <summary>Whether the whole of <paramref name="value"/> is one variable reference.</summary>
    public static bool IsSingleReference(string value, out VariableReference reference)
    {
        var match = Pattern().Match(value);
        reference = match.Success ? ToReference(match) : new VariableReference("", null, null);
        return match.Success && match.Index == 0 && match.Length == value.Length;
    }

    /// <summary>
    /// <paramref name="value"/> as compose resolves it when none of its variables is set: defaults are taken, <c>$$</c>
    /// becomes <c>$</c>. Null when a variable without a default is referenced (its value is not in the file).
    /// </summary>
    public static string? ResolveWithDefaults(string value)
    {
        var unresolved = false;
        var resolved = Pattern().Replace(value.Replace("$$", EscapedDollar, StringComparison.Ordinal), match =>
        {
            var reference = ToReference(match);
            if (reference.HasDefault)
            {
                return reference.Argument!;
            }

            if (reference.Operator is ":+" or "+")
            {
                return "";
            }

            unresolved = true;
            return "";
        });
        return unresolved ? null : resolved.Replace(EscapedDollar, "$", StringComparison.Ordinal);
    }

    /// <summary><paramref name="value"/> with each variable reference replaced by <paramref name="replacement"/>'s result.</summary>
    public static string ReplaceReferences(string value, Func<VariableReference, string> replacement) =>
        Pattern().Replace(value, match => replacement(ToReference(match)));

    private static VariableReference ToReference(Match match) => new(
        match.Groups["name"].Value,
        match.Groups["op"].Success ? match.Groups["op"].Value : null,
        match.Groups["arg"].Success ? match.Groups["arg"].Value : null);

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?+])(?<arg>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
