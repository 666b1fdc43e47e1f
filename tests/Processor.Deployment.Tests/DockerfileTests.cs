using System.Text.RegularExpressions;
using System.Xml.Linq;
using Processor.Contracts;

namespace Processor.Deployment.Tests;

/// <summary>The root Dockerfile that builds every service image.</summary>
public partial class DockerfileTests
{
    private static readonly string[] IgnoredPaths = ["artifacts", "bin", "obj", ".git", ".tools", "node_modules", ".env", "secrets"];

    private static readonly IReadOnlyList<Stage> Stages = ParseStages(File.ReadAllText(Repository.Dockerfile));

    private static Stage Build => Stages.Single(s => s.Name == "build");

    private static Stage Runtime => Stages[^1];

    [Fact]
    public void RestoreLayer_CopiesEveryProjectTheServicesReference_BeforeRestoring()
    {
        var restore = Build.Instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "The build stage has no dotnet restore.");
        var copied = Build.Instructions.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(CopySources).ToHashSet(StringComparer.Ordinal);

        var required = ServiceProjects().SelectMany(ProjectClosure).Select(Repository.Relative).Distinct(StringComparer.Ordinal)
            .Concat(["global.json", "Directory.Build.props", "Directory.Packages.props"]);

        var missing = required.Where(file => !copied.Contains(file)).ToList();
        Assert.True(missing.Count == 0, $"The Dockerfile does not copy {string.Join(", ", missing)} before restoring.");
        Assert.All(copied, file => Assert.True(File.Exists(Repository.PathOf(file)), $"The Dockerfile copies {file}, which does not exist."));
    }

    [Fact]
    public void SourceLayer_CopiesEveryFolderTheServicesBuildFrom()
    {
        var sources = Build.Instructions.Where(i => i.Keyword == "COPY").SelectMany(CopySources).ToList();

        var required = ServiceProjects().SelectMany(ProjectClosure).SelectMany(FoldersUsedBy).Distinct(StringComparer.Ordinal).Append(".editorconfig");

        Assert.All(required, path => Assert.True(
            sources.Any(s => s == path || (s.EndsWith('/') && (path + "/").StartsWith(s, StringComparison.Ordinal))),
            $"The build stage does not copy {path}."));
    }

    [Fact]
    public void ServiceArgument_AcceptsExactlyTheCatalogServices()
    {
        var publish = Build.Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var accepted = AcceptedServices().Match(publish.Arguments);

        Assert.True(accepted.Success, "The publish step does not check SERVICE.");
        Assert.Equal(
            ServiceCatalog.All.Select(ComposeServiceTests.ServiceArgument).Order(StringComparer.Ordinal),
            accepted.Groups["services"].Value.Split('|').Order(StringComparer.Ordinal));
        Assert.Contains("services/Processor.$SERVICE/Processor.$SERVICE.csproj", publish.Arguments, StringComparison.Ordinal);
        // The restore covers all four so that the images share that layer.
        var restore = Build.Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.All(ServiceCatalog.All.Select(ComposeServiceTests.ServiceArgument), s => Assert.Contains(s, restore.Arguments, StringComparison.Ordinal));
    }

    [Fact]
    public void PublishStep_ReadyToRun_RestoredForIt()
    {
        var publish = Build.Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var restore = Build.Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));

        // The services run ahead-of-time code (services/Directory.Build.props turns tiering off for it); a publish with
        // --no-restore finds the ReadyToRun compiler only if the restore asked for it.
        Assert.Contains("-p:PublishReadyToRun=true", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("--no-restore", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", restore.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeStage_RunsTheChosenServiceAsNonRootOnTheAspNetImage()
    {
        var user = Runtime.Instructions.Last(i => i.Keyword == "USER").Arguments;
        var entrypoint = Runtime.Instructions.Single(i => i.Keyword == "ENTRYPOINT").Arguments;

        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", Runtime.Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", Build.Image, StringComparison.Ordinal);
        Assert.DoesNotMatch("^(root|0)(:.*)?$", user);
        // The package name carries the ABI version (libsecp256k1-1, -2, …): the image installs whichever the release has.
        Assert.Contains("^libsecp256k1-[0-9]+$", string.Join('\n', Runtime.Instructions.Where(i => i.Keyword == "RUN").Select(i => i.Arguments)), StringComparison.Ordinal);
        Assert.Contains(Runtime.Instructions, i => i.Keyword == "ENV" && i.Arguments.Contains("PROCESSOR_SERVICE=${SERVICE}", StringComparison.Ordinal));
        Assert.Contains("Processor.${PROCESSOR_SERVICE}.dll", entrypoint, StringComparison.Ordinal);
        // exec: dotnet becomes PID 1 and receives SIGTERM.
        Assert.Contains("exec dotnet", entrypoint, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnore_ExcludesBuildOutputLocalStateAndSecrets()
    {
        var patterns = File.ReadAllLines(Repository.DockerIgnore).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.All(
            IgnoredPaths,
            name => Assert.Contains(patterns, p => p.TrimEnd('/') == name || p.TrimEnd('/') == $"**/{name}"));
    }

    private static IEnumerable<string> ServiceProjects() =>
        ServiceCatalog.All.Select(s => ComposeServiceTests.ServiceArgument(s)).Select(a => Repository.PathOf($"services/Processor.{a}/Processor.{a}.csproj"));

    /// <summary>
    /// The project and every project it references, transitively, with the folder-level <c>Directory.Build.props</c> files
    /// below the repository root that apply to them (absolute paths; a props file's references count as the project's).
    /// </summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var file in FolderProps(current).Prepend(current))
            {
                seen.Add(file);
                var folder = Path.GetDirectoryName(file)! + Path.DirectorySeparatorChar;
                foreach (var reference in XDocument.Load(file).Descendants("ProjectReference"))
                {
                    var include = ((string)reference.Attribute("Include")!).Replace("$(MSBuildThisFileDirectory)", folder, StringComparison.Ordinal);
                    pending.Push(Path.GetFullPath(Path.IsPathRooted(include) ? include : Path.Combine(folder, include)));
                }
            }
        }

        return seen.Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal));
    }

    /// <summary>The <c>Directory.Build.props</c> files between the project and the repository root (the root's is listed apart).</summary>
    private static IEnumerable<string> FolderProps(string project)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Repository.Root));
        for (var folder = Path.GetDirectoryName(Path.GetDirectoryName(project)); folder is not null && folder.Length > root.Length;
             folder = Path.GetDirectoryName(folder))
        {
            var props = Path.Combine(folder, "Directory.Build.props");
            if (File.Exists(props))
            {
                yield return props;
            }
        }
    }

    /// <summary>The project's folder and the folders outside it that its items include (e.g. ../../schemas/**/*.proto).</summary>
    private static IEnumerable<string> FoldersUsedBy(string project)
    {
        var folder = Path.GetDirectoryName(project)!;
        yield return Repository.Relative(folder);
        foreach (var include in XDocument.Load(project).Descendants().Select(e => (string?)e.Attribute("Include")).OfType<string>())
        {
            if (include.StartsWith("..", StringComparison.Ordinal) && !include.EndsWith(".csproj", StringComparison.Ordinal))
            {
                var fixedPart = include.Split('*')[0];
                yield return Repository.Relative(Path.GetFullPath(Path.Combine(folder, fixedPart))).TrimEnd('/');
            }
        }
    }

    private static IEnumerable<string> CopySources(Instruction copy)
    {
        var words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return words.SkipLast(1);
    }

    private static List<Stage> ParseStages(string text)
    {
        var stages = new List<Stage>();
        var logical = ContinuedLine().Replace(text, " ")
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
        foreach (var line in logical)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var instruction = new Instruction(line[..space].ToUpperInvariant(), Whitespace().Replace(line[(space + 1)..], " "));
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Arguments.Split(' ').Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                stages.Add(new Stage(words[0], words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        return stages;
    }

    private sealed record Instruction(string Keyword, string Arguments);

    private sealed record Stage(string Image, string? Name, List<Instruction> Instructions);

    [GeneratedRegex(@"\\\r?\n(\s*#[^\n]*\n)*", RegexOptions.CultureInvariant)]
    private static partial Regex ContinuedLine();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"case ""\$SERVICE"" in (?<services>[A-Za-z|]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex AcceptedServices();
}
