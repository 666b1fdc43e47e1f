using System.Xml.Linq;

namespace Processor.Architecture.Tests;

/// <summary>A project: its folder relative to the repository root (forward slashes) and what it references directly.</summary>
public sealed record ProjectNode(string Path, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences);

/// <summary>
/// The repository's projects and their references, read from the <c>*.csproj</c> files (build output excluded) and the
/// <c>Directory.Build.props</c> files above them. Only what those files declare: packages that packages pull in are not followed.
/// </summary>
public sealed class ProjectGraph
{
    private static readonly string[] SkippedFolders = ["artifacts", "bin", "obj", "node_modules"];

    private readonly Dictionary<string, ProjectNode> _projects;

    public ProjectGraph(IEnumerable<ProjectNode> projects) => _projects = projects.ToDictionary(p => p.Path, StringComparer.Ordinal);

    public IEnumerable<ProjectNode> Projects => _projects.Values.OrderBy(p => p.Path, StringComparer.Ordinal);

    public ProjectNode this[string path] => _projects[path];

    /// <summary>Every project file under <paramref name="root"/>, except in build output and hidden folders.</summary>
    public static ProjectGraph Load(string root) => new(ProjectFiles(new DirectoryInfo(root)).Select(file => Parse(root, file)));

    /// <summary>
    /// The shortest chain of project references from <paramref name="from"/> to a project (not <paramref name="from"/> itself)
    /// that <paramref name="isTarget"/> accepts, both ends included; null when there is none.
    /// </summary>
    public IReadOnlyList<string>? ReferenceChain(string from, Func<string, bool> isTarget) =>
        ShortestChain(from, node => node.Path != from && isTarget(node.Path));

    /// <summary>The shortest chain from <paramref name="from"/> to a project (itself included) that references <paramref name="isPackage"/>.</summary>
    public IReadOnlyList<string>? PackageChain(string from, Func<string, bool> isPackage) =>
        ShortestChain(from, node => node.PackageReferences.Any(isPackage));

    private List<string>? ShortestChain(string from, Func<ProjectNode, bool> isEnd)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [from] = null };
        var pending = new Queue<string>([from]);
        while (pending.TryDequeue(out var current))
        {
            // A reference to a project file that does not exist is the build's error to report, not this graph's.
            if (!_projects.TryGetValue(current, out var node))
            {
                continue;
            }

            if (isEnd(node))
            {
                return Chain(previous, current);
            }

            foreach (var reference in node.ProjectReferences.Where(r => previous.TryAdd(r, current)))
            {
                pending.Enqueue(reference);
            }
        }

        return null;
    }

    private static List<string> Chain(Dictionary<string, string?> previous, string end)
    {
        var chain = new List<string>();
        for (string? step = end; step is not null; step = previous[step])
        {
            chain.Add(step);
        }

        chain.Reverse();
        return chain;
    }

    private static IEnumerable<FileInfo> ProjectFiles(DirectoryInfo folder) =>
        folder.EnumerateFiles("*.csproj").Concat(folder.EnumerateDirectories()
            .Where(d => !d.Name.StartsWith('.') && !SkippedFolders.Contains(d.Name, StringComparer.Ordinal))
            .SelectMany(ProjectFiles));

    private static ProjectNode Parse(string root, FileInfo file)
    {
        var folder = file.DirectoryName!;
        var declarations = BuildPropsFiles(root, folder).Append(file.FullName)
            .Select(path => (Document: XDocument.Load(path), Folder: Path.GetDirectoryName(path)!)).ToList();
        return new ProjectNode(
            Relative(root, folder),
            [.. declarations.SelectMany(d => Includes(d.Document, d.Folder, "ProjectReference"))
                .Select(include => Relative(root, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, include.Replace('\\', '/'))))!))
                .Distinct(StringComparer.Ordinal)],
            [.. declarations.SelectMany(d => Includes(d.Document, d.Folder, "PackageReference")).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The <c>Directory.Build.props</c> files from the project's folder up to the repository root: the nearest one is imported
    /// by MSBuild and each imports the next one up (as services/Directory.Build.props does), so their references are the
    /// project's. Conditions are not evaluated: a reference declared under any condition counts.
    /// </summary>
    private static IEnumerable<string> BuildPropsFiles(string root, string projectFolder)
    {
        var top = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        for (var folder = new DirectoryInfo(projectFolder); folder is not null; folder = folder.Parent)
        {
            var props = Path.Combine(folder.FullName, "Directory.Build.props");
            if (File.Exists(props))
            {
                yield return props;
            }

            if (string.Equals(folder.FullName.TrimEnd(Path.DirectorySeparatorChar), top, StringComparison.Ordinal))
            {
                yield break;
            }
        }
    }

    // MSBuildThisFileDirectory is the only property the repository's props files use in references; it ends with a separator.
    // A reference with ReferenceOutputAssembly="false" only orders the build (e.g. the devnet builds the services it starts
    // as processes): the referencing project never loads the assembly, so it is no dependency.
    private static IEnumerable<string> Includes(XDocument document, string declaringFolder, string item) =>
        document.Descendants(item)
            .Where(e => !string.Equals((string?)e.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(e => (string?)e.Attribute("Include")).OfType<string>()
            .Select(include => include.Replace("$(MSBuildThisFileDirectory)", declaringFolder + "/", StringComparison.Ordinal));

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
