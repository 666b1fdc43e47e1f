namespace Processor.Architecture.Tests;

/// <summary>
/// A project folder relative to the repository root, or a prefix of folders ending in <c>*</c>
/// (<c>benchmarks/*</c>: every project under benchmarks; <c>libs/Processor.Crypto*</c>: the crypto libraries).
/// </summary>
public sealed record ProjectPattern(string Text)
{
    public bool Matches(string project) => Text.EndsWith('*')
        ? project.StartsWith(Text[..^1], StringComparison.Ordinal)
        : string.Equals(project, Text, StringComparison.Ordinal);

    public override string ToString() => Text;
}
