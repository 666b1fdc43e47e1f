namespace Processor.Architecture.Tests;

/// <summary>The rule engine on a small graph of its own: each kind of rule finds what breaks it, through any chain.</summary>
public sealed class ReferenceRuleTests
{
    private static readonly ProjectGraph Graph = new(
    [
        new("libs/Secrets", [], []),
        new("libs/Public", [], ["Npgsql.OpenTelemetry"]),
        new("libs/Middle", ["libs/Secrets"], []),
        new("services/Signer", ["libs/Secrets", "libs/Public"], []),
        new("services/Scanner", ["libs/Public"], []),
        new("tools/Ctl", ["libs/Middle", "services/Scanner"], []),
        new("benchmarks/Bench", ["libs/Secrets"], []),
        new("contracts/Messages", [], ["Google.Protobuf"]),
    ]);

    [Fact]
    public void OnlyReferencedBy_TransitiveReference_NamesTheProjectAndItsChain()
    {
        var violations = ReferenceRule.OnlyReferencedBy("libs/Secrets", "services/Signer", "benchmarks/*").Violations(Graph);

        Assert.Equal(
            ["libs/Middle references libs/Secrets (libs/Middle → libs/Secrets)", "tools/Ctl references libs/Secrets (tools/Ctl → libs/Middle → libs/Secrets)"],
            violations);
    }

    [Fact]
    public void OnlyReferencedBy_AllowedProjectsAndPatterns_HoldTheRule() =>
        Assert.Empty(ReferenceRule.OnlyReferencedBy("libs/Secrets", "services/Signer", "benchmarks/*", "libs/Middle", "tools/*").Violations(Graph));

    [Fact]
    public void MustNotReference_ProjectsOfTheSameKind_ExcludesEachProjectItself()
    {
        Assert.Empty(ReferenceRule.MustNotReference("services/*", "services/*").Violations(Graph));
        Assert.Equal(
            ["tools/Ctl references services/Scanner (tools/Ctl → services/Scanner)"],
            ReferenceRule.MustNotReference("tools/*", "services/*").Violations(Graph));
    }

    [Fact]
    public void MustNotUsePackages_PackageFamilyOfAReferencedProject_IsFound() =>
        Assert.Equal(
            ["services/Scanner references Npgsql.OpenTelemetry (services/Scanner → libs/Public)"],
            ReferenceRule.MustNotUsePackages("services/Scanner", "Npgsql").Violations(Graph));

    [Fact]
    public void ReferencesNothing_PackagesAreAllowed_ProjectsAreNot()
    {
        Assert.Empty(ReferenceRule.ReferencesNothing("contracts/*").Violations(Graph));
        Assert.Single(ReferenceRule.ReferencesNothing("libs/Middle").Violations(Graph));
    }

    [Fact]
    public void RuleWhoseSubjectMatchesNoProject_IsOutOfDate() =>
        Assert.Equal(
            ["no project matches libs/Gone: the rule is out of date"],
            ReferenceRule.MustNotReference("libs/Gone", "services/*").Violations(Graph));

    [Fact]
    public void ReferencesInDirectoryBuildProps_AreThoseOfEveryProjectBelow()
    {
        var root = Directory.CreateTempSubdirectory("project-graph-").FullName;
        try
        {
            WriteProject(root, "Directory.Build.props", """<ItemGroup><PackageReference Include="Shared.Analyzers" /></ItemGroup>""");
            WriteProject(root, "services/Directory.Build.props", """
                <Import Project="$(MSBuildThisFileDirectory)../Directory.Build.props" />
                <ItemGroup><ProjectReference Include="$(MSBuildThisFileDirectory)../libs/Kit/Kit.csproj" /></ItemGroup>
                """);
            WriteProject(root, "services/Scanner/Scanner.csproj", """<ItemGroup><PackageReference Include="Npgsql" /></ItemGroup>""");
            WriteProject(root, "libs/Kit/Kit.csproj", "");

            var graph = ProjectGraph.Load(root);

            Assert.Equal(["libs/Kit"], graph["services/Scanner"].ProjectReferences);
            Assert.Equal(["Shared.Analyzers", "Npgsql"], graph["services/Scanner"].PackageReferences);
            Assert.Empty(graph["libs/Kit"].ProjectReferences);
            Assert.Equal(
                ["services/Scanner references libs/Kit (services/Scanner → libs/Kit)"],
                ReferenceRule.MustNotReference("services/*", "libs/Kit").Violations(graph));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void WriteProject(string root, string path, string body)
    {
        var file = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, $"<Project>{body}</Project>");
    }
}
