using System.Text.RegularExpressions;
using Npgsql;
using Processor.Contracts;

namespace Processor.Deployment.Tests;

/// <summary>Secrets, PostgreSQL and bitcoind in compose.yaml.</summary>
public partial class InfrastructureTests
{
    private const string Bitcoind = "bitcoind";

    private static ComposeFile Compose => ComposeFile.Repository;

    [Fact]
    public void Signer_Environment_HardCodesNoSecret()
    {
        var signer = Compose.Service(ServiceCatalog.Signer.Name);
        var secretVariables = new List<string>();

        foreach (var (key, value) in signer.Environment)
        {
            if (SecretLookingKey().IsMatch(key))
            {
                // Secret material itself comes as a file (a Docker secret); a setting may only name that file.
                Assert.True(
                    key.EndsWith("File", StringComparison.Ordinal) || key.EndsWith("Path", StringComparison.Ordinal),
                    $"signer: {key} looks like secret material in an environment variable; mount it as a Docker secret file instead.");
            }

            if (value is null)
            {
                continue;
            }

            if (key.Contains("Password", StringComparison.OrdinalIgnoreCase))
            {
                Assert.True(Interpolation.IsSingleReference(value, out var reference), $"signer: {key} must come from a variable, not the file.");
                secretVariables.Add(reference.Name);
            }

            if (key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            {
                var placeholders = new NpgsqlConnectionStringBuilder(Interpolation.ReplaceReferences(value, r => $"VAR_{r.Name}"));
                Assert.True(
                    placeholders.Password is { } password && password.StartsWith("VAR_", StringComparison.Ordinal),
                    $"signer: {key} has a password written in the file.");
                secretVariables.Add(placeholders.Password["VAR_".Length..]);
            }
        }

        Assert.NotEmpty(secretVariables);
        // Nowhere in the file (e.g. where the postgres service creates the role) does such a variable get a default.
        var references = Interpolation.References(Compose.Text).Where(r => secretVariables.Contains(r.Name)).ToList();
        Assert.All(references, r => Assert.False(r.HasDefault, $"${{{r.Name}}} has a default value in compose.yaml: the signer's secrets have none."));
    }

    [Fact]
    public void Signer_DockerSecrets_ComeFromFilesOrTheEngine()
    {
        var signer = Compose.Service(ServiceCatalog.Signer.Name);
        var declared = ComposeFile.Mapping(Compose.Root, "secrets");

        var used = signer.Node.TryGetValue("secrets", out var secrets) && secrets is IReadOnlyList<object?> list
            ? list.Select(s => s as string ?? ComposeFile.Scalar(ComposeFile.AsMapping(s, "secret"), "source")!).ToList()
            : [];

        Assert.All(used, name =>
        {
            var secret = ComposeFile.AsMapping(declared.GetValueOrDefault(name), $"secrets.{name}");
            Assert.True(secret.ContainsKey("file") || secret.ContainsKey("external"), $"Secret {name} must come from a file or be external, not from the environment.");
        });
    }

    [Fact]
    public void PostgresInitScript_CreatesARoleForEveryService_FromThePostgresEnvironment()
    {
        var postgres = Compose.Service(ComposeServiceTests.Postgres);
        var volumes = ((IReadOnlyList<object?>)postgres.Node["volumes"]!).Cast<string>();

        Assert.Equal(
            ServiceCatalog.All.Select(s => s.PostgresSchema).Order(StringComparer.Ordinal),
            PostgresInitScript.Services(Repository.PostgresInitScript).Order(StringComparer.Ordinal));
        Assert.Contains(volumes, v => v.StartsWith("./docker/postgres/init-processor.sh:/docker-entrypoint-initdb.d/", StringComparison.Ordinal));
        Assert.All(ServiceCatalog.All, service => Assert.True(
            postgres.Environment.GetValueOrDefault(PostgresInitScript.PasswordVariable(service.Name)) is { } value && Interpolation.IsSingleReference(value, out _),
            $"postgres has no {PostgresInitScript.PasswordVariable(service.Name)} from the environment."));
        Assert.False(string.IsNullOrEmpty(postgres.Environment.GetValueOrDefault("POSTGRES_DB")));
        Assert.Contains("pg_isready", postgres.HealthcheckCommand, StringComparison.Ordinal);
    }

    [Fact]
    public void Bitcoind_Node_IsRegtestWithTxindexAndItsRpcIsNotPublished()
    {
        var node = Compose.Service(Bitcoind);
        var command = node.Command;

        Assert.Contains("-regtest=1", command);
        Assert.Contains("-txindex=1", command);
        Assert.Empty(node.Ports);
        Assert.All(
            command.Where(c => c.StartsWith("-rpcuser=", StringComparison.Ordinal) || c.StartsWith("-rpcpassword=", StringComparison.Ordinal)),
            c => Assert.True(Interpolation.IsSingleReference(c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..], out _), $"bitcoind: {c} must come from a variable."));

        var rpcPort = command.Single(c => c.StartsWith("-rpcport=", StringComparison.Ordinal))["-rpcport=".Length..];
        foreach (var name in new[] { ServiceCatalog.Scanner.Name, ServiceCatalog.Scheduler.Name })
        {
            var url = new Uri(Compose.Service(name).Environment.GetValueOrDefault("Bitcoin__Rpc__Url")!);
            Assert.Equal((Bitcoind, rpcPort), (url.Host, url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [GeneratedRegex("(?i)(secret|token|mnemonic|seed|passphrase|private|encryptionkey|signingkey|keyshare)", RegexOptions.CultureInvariant)]
    private static partial Regex SecretLookingKey();
}
