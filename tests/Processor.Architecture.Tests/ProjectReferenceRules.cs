using Processor.Testing;

namespace Processor.Architecture.Tests;

/// <summary>The dependency rules of DESIGN §6, checked on every project file of the repository.</summary>
public sealed class ProjectReferenceRules
{
    private static readonly string[] KafkaAndPostgresProjects = ["libs/Processor.Messaging", "libs/Processor.Embedded"];

    private static readonly string[] KafkaAndPostgresPackages = ["Confluent.Kafka", "Npgsql", "Dapper", "dbup-postgresql"];

    /// <summary>The libraries of the external networks (each network's plug-in) and the cryptography of their chains.</summary>
    private static readonly string[] ChainLibraries = ["libs/Processor.Bitcoin", "libs/Processor.Monero", "libs/Processor.Crypto*"];

    /// <summary>One line per rule; a rule names its subjects, so a rule about projects that no longer exist fails too.</summary>
    private static readonly ReferenceRule[] Rules =
    [
        // Secrets by structure: of the processes that run in a deployment, only the signer's can hold threshold key shares and
        // nonces (tests and benchmarks run signers, play cheating validators and check the signer's configuration).
        ReferenceRule.OnlyReferencedBy("libs/Processor.Crypto.Threshold", "services/Processor.Signer", "tests/*", "benchmarks/*"),
        ReferenceRule.MustNotReference("services/*", "services/*"),
        ReferenceRule.MustNotReference("libs/Processor.Crypto", KafkaAndPostgresProjects),
        ReferenceRule.MustNotUsePackages("libs/Processor.Crypto", KafkaAndPostgresPackages),
        ReferenceRule.MustNotReference("libs/Processor.Bitcoin", KafkaAndPostgresProjects),
        ReferenceRule.MustNotUsePackages("libs/Processor.Bitcoin", KafkaAndPostgresPackages),
        ReferenceRule.MustNotReference("libs/Processor.Serai", KafkaAndPostgresProjects),
        ReferenceRule.MustNotUsePackages("libs/Processor.Serai", KafkaAndPostgresPackages),
        ReferenceRule.MustNotReference("libs/Processor.Messaging", ChainLibraries),
        // The network primitives name no chain: a network is a plug-in behind them (services are checked on their compiled references).
        ReferenceRule.MustNotReference("libs/Processor.Networks", ChainLibraries),
        // The planning engine is a pure function over the network primitives: no chain, no Kafka, no Postgres.
        ReferenceRule.MustNotReference("libs/Processor.Scheduling", [.. ChainLibraries, .. KafkaAndPostgresProjects]),
        ReferenceRule.MustNotUsePackages("libs/Processor.Scheduling", KafkaAndPostgresPackages),
        ReferenceRule.ReferencesNothing("contracts/*"),
    ];

    private static readonly ProjectGraph Repository = ProjectGraph.Load(RepositoryPaths.Root);

    public static TheoryData<string> RuleDescriptions() => [.. Rules.Select(r => r.Description)];

    [Theory]
    [MemberData(nameof(RuleDescriptions))]
    public void Rule_HoldsForEveryProject(string description)
    {
        var violations = Rules.Single(r => r.Description == description).Violations(Repository);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void EveryProjectOfTheSolution_IsInTheGraph_AndEveryProjectFileIsInTheSolution()
    {
        var solution = File.ReadLines(Path.Combine(RepositoryPaths.Root, "processor.sln"))
            .Where(line => line.StartsWith("Project(", StringComparison.Ordinal) && line.Contains(".csproj\"", StringComparison.Ordinal))
            .Select(line => Path.GetDirectoryName(line.Split('"')[5].Replace('\\', '/'))!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(solution, Repository.Projects.Select(p => p.Path));
    }
}
