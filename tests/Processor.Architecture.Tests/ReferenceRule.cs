namespace Processor.Architecture.Tests;

/// <summary>
/// One dependency rule of the layout (DESIGN §6): a description and the violations it finds in a <see cref="ProjectGraph"/>,
/// each naming the offending project and the chain of references that breaks the rule. References count transitively.
/// </summary>
public sealed class ReferenceRule
{
    private readonly Func<ProjectGraph, IEnumerable<string>> _violations;

    private ReferenceRule(string description, Func<ProjectGraph, IEnumerable<string>> violations)
    {
        Description = description;
        _violations = violations;
    }

    public string Description { get; }

    /// <summary>Only projects matching <paramref name="allowed"/> (and <paramref name="target"/> itself) may reference <paramref name="target"/>.</summary>
    public static ReferenceRule OnlyReferencedBy(string target, params string[] allowed)
    {
        var permitted = allowed.Select(a => new ProjectPattern(a)).ToList();
        return new(
            $"{target} is referenced only by {string.Join(", ", allowed)}",
            graph => Existing(graph, new ProjectPattern(target)).Concat(graph.Projects
                .Where(p => p.Path != target && !permitted.Any(a => a.Matches(p.Path)))
                .Select(p => graph.ReferenceChain(p.Path, r => r == target))
                .OfType<IReadOnlyList<string>>()
                .Select(chain => Violation(chain, target))));
    }

    /// <summary>No project matching <paramref name="subjects"/> references a project matching <paramref name="forbidden"/> (other than itself).</summary>
    public static ReferenceRule MustNotReference(string subjects, params string[] forbidden) =>
        Forbidding($"{subjects} reference no {string.Join(", ", forbidden)}", subjects, forbidden);

    /// <summary>Projects matching <paramref name="subjects"/> reference no project at all.</summary>
    public static ReferenceRule ReferencesNothing(string subjects) => Forbidding($"{subjects} reference no project", subjects, ["*"]);

    /// <summary>No project matching <paramref name="subjects"/> uses a package named <paramref name="packages"/> or <c>name.*</c>.</summary>
    public static ReferenceRule MustNotUsePackages(string subjects, params string[] packages)
    {
        var subject = new ProjectPattern(subjects);
        bool IsForbidden(string package) => packages.Any(f =>
            string.Equals(package, f, StringComparison.OrdinalIgnoreCase) || package.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase));
        return new(
            $"{subjects} use no {string.Join(", ", packages)} package",
            graph => Existing(graph, subject).Concat(graph.Projects
                .Where(p => subject.Matches(p.Path))
                .Select(p => graph.PackageChain(p.Path, IsForbidden))
                .OfType<IReadOnlyList<string>>()
                .Select(chain => Violation(chain, graph[chain[^1]].PackageReferences.First(IsForbidden)))));
    }

    public IReadOnlyList<string> Violations(ProjectGraph graph) => [.. _violations(graph)];

    public override string ToString() => Description;

    private static ReferenceRule Forbidding(string description, string subjects, string[] forbidden)
    {
        var subject = new ProjectPattern(subjects);
        var patterns = forbidden.Select(f => new ProjectPattern(f)).ToList();
        return new(
            description,
            graph => Existing(graph, subject).Concat(graph.Projects
                .Where(p => subject.Matches(p.Path))
                .Select(p => graph.ReferenceChain(p.Path, r => patterns.Any(f => f.Matches(r))))
                .OfType<IReadOnlyList<string>>()
                .Select(chain => Violation(chain, chain[^1]))));
    }

    /// <summary>A rule about projects that are not there would hold vacuously: that is a violation too.</summary>
    private static IEnumerable<string> Existing(ProjectGraph graph, ProjectPattern pattern) =>
        graph.Projects.Any(p => pattern.Matches(p.Path)) ? [] : [$"no project matches {pattern}: the rule is out of date"];

    private static string Violation(IReadOnlyList<string> chain, string reached) =>
        $"{chain[0]} references {reached} ({string.Join(" → ", chain)})";
}
