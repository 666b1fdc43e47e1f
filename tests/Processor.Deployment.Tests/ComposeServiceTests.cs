using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Processor.Contracts;

namespace Processor.Deployment.Tests;

/// <summary>The four processor services in compose.yaml, checked against the service catalog and the hosting code.</summary>
public partial class ComposeServiceTests
{
    public const string TopicInit = "topic-init";
    public const string Postgres = "postgres";
    public const string Kafka = "kafka";

    private static ComposeFile Compose => ComposeFile.Repository;

    public static TheoryData<string> Services => [.. ServiceCatalog.All.Select(s => s.Name)];

    /// <summary>The value of the Dockerfile's SERVICE argument for <paramref name="service"/> (<c>Scanner</c> for scanner).</summary>
    public static string ServiceArgument(ServiceDefinition service) =>
        string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(service.Name[0])}{service.Name[1..]}");

    public static ServiceDefinition Definition(string name) => ServiceCatalog.All.Single(s => s.Name == name);

    [Fact]
    public void ComposeFile_EveryCatalogService_IsDefined()
    {
        var missing = ServiceCatalog.All.Select(s => s.Name).Where(name => !Compose.Services.ContainsKey(name)).ToList();

        Assert.True(missing.Count == 0, $"compose.yaml lacks the services {string.Join(", ", missing)}.");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_Build_UsesTheRootDockerfileWithItsServiceArgument(string name)
    {
        var service = Compose.Service(name);
        var build = service.Build;

        Assert.NotNull(build);
        Assert.Equal(".", ComposeFile.Scalar(build, "context"));
        Assert.Equal("Dockerfile", ComposeFile.Scalar(build, "dockerfile") ?? "Dockerfile");
        var argument = ComposeFile.Scalar(ComposeFile.Mapping(build, "args"), "SERVICE");
        Assert.Equal(ServiceArgument(Definition(name)), argument);
        Assert.True(
            File.Exists(Repository.PathOf($"services/Processor.{argument}/Processor.{argument}.csproj")),
            $"SERVICE={argument} names no project services/Processor.{argument}/Processor.{argument}.csproj.");
        Assert.Null(service.Image);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_Ports_PublishTheCatalogHealthPortOnLoopbackOnly(string name)
    {
        var service = Compose.Service(name);
        var port = Definition(name).HealthPort.ToString(CultureInfo.InvariantCulture);

        var mapping = Assert.Single(service.Ports);

        Assert.Equal(new PortMapping("127.0.0.1", port, port), mapping);
        Assert.Equal($"http://0.0.0.0:{port}", service.Environment.GetValueOrDefault("Urls"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_Healthcheck_AsksForReadinessOnTheCatalogHealthPort(string name)
    {
        var command = Compose.Service(name).HealthcheckCommand;
        var port = Definition(name).HealthPort;

        Assert.NotNull(command);
        Assert.Contains("/health/ready", command, StringComparison.Ordinal);
        Assert.Matches($@"(?<![0-9]){port}(?![0-9])", command);
        Assert.All(
            ServiceCatalog.All.Where(s => s.Name != name),
            other => Assert.DoesNotMatch($@"(?<![0-9]){other.HealthPort}(?![0-9])", command));
        // The aspnet image has no curl or wget: the check must use what is there.
        Assert.DoesNotMatch(@"\b(curl|wget)\b", command);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_DependsOn_HealthyPostgresAndKafkaAndCompletedTopicInit(string name)
    {
        var dependsOn = Compose.Service(name).DependsOn;

        Assert.Equal("service_healthy", dependsOn.GetValueOrDefault(Postgres));
        Assert.Equal("service_healthy", dependsOn.GetValueOrDefault(Kafka));
        Assert.Equal("service_completed_successfully", dependsOn.GetValueOrDefault(TopicInit));
    }

    [Fact]
    public void DependsOn_EveryCondition_CanBeMetByItsTarget()
    {
        foreach (var service in Compose.Services.Values)
        {
            foreach (var (target, condition) in service.DependsOn)
            {
                var dependency = Compose.Service(target);
                switch (condition)
                {
                    case "service_healthy":
                        Assert.True(dependency.HealthcheckCommand is not null, $"{service.Name} waits for {target} to be healthy, but {target} has no healthcheck.");
                        break;
                    case "service_completed_successfully":
                        // A one-shot job that compose restarts would never "complete".
                        Assert.True(
                            ComposeFile.Scalar(dependency.Node, "restart") is null or "no",
                            $"{service.Name} waits for {target} to complete, but {target} is restarted.");
                        break;
                    case "service_started":
                        break;
                    default:
                        Assert.Fail($"{service.Name}: unknown depends_on condition '{condition}' for {target}.");
                        break;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_Lifecycle_RestartsUnlessStoppedAndOutlastsTheHostShutdownTimeout(string name)
    {
        var service = Compose.Service(name);
        var gracePeriod = ParseDuration(ComposeFile.Scalar(service.Node, "stop_grace_period") ?? "10s");

        Assert.Equal("unless-stopped", ComposeFile.Scalar(service.Node, "restart"));
        Assert.True(
            gracePeriod > HostShutdownTimeout.Value,
            $"stop_grace_period {gracePeriod} must exceed the services' shutdown timeout {HostShutdownTimeout.Value}, or docker kills them mid-drain.");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_ConnectionString_UsesTheServiceRoleOnTheComposeDatabase(string name)
    {
        var environment = Compose.Service(name).Environment;
        var key = $"ConnectionStrings__{MessagingHostingExtensions.PostgresConnectionName}";
        var postgres = Compose.Service(Postgres).Environment;

        Assert.True(environment.TryGetValue(key, out var raw) && raw is not null, $"{name} has no {key}.");
        var builder = new NpgsqlConnectionStringBuilder(Interpolation.ReplaceReferences(raw, r => $"VAR_{r.Name}"));

        Assert.Equal(Postgres, builder.Host);
        Assert.Equal(postgres.GetValueOrDefault("POSTGRES_DB"), builder.Database);
        // One role per service, named like the schema it owns (docker/postgres/init-processor.sh).
        Assert.Equal(Definition(name).PostgresSchema, builder.Username);
        var passwordVariable = PostgresInitScript.PasswordVariable(name);
        Assert.Equal($"VAR_{passwordVariable}", builder.Password);
        // The same variable, with the same default, creates the role.
        var ownReference = Interpolation.References(raw).Single(r => r.Name == passwordVariable);
        Assert.Equal(ownReference, Interpolation.References(postgres.GetValueOrDefault(passwordVariable) ?? "").SingleOrDefault());
    }

    [Fact]
    public void Hostnames_TheServicesConnectTo_AreComposeServicesOnASharedNetwork()
    {
        foreach (var service in Compose.Services.Values)
        {
            foreach (var (host, via) in ConnectedHosts(service))
            {
                Assert.True(Compose.Services.TryGetValue(host, out var target), $"{service.Name}: {via} names '{host}', which is no compose service.");
                Assert.True(
                    service.Networks.Intersect(target.Networks).Any(),
                    $"{service.Name} ({string.Join(", ", service.Networks)}) reaches {host} ({string.Join(", ", target.Networks)}) through {via}, but they share no network.");
            }
        }
    }

    [Fact]
    public void PublishedPorts_EveryService_BindToLoopbackOnly()
    {
        var published = Compose.Services.Values.SelectMany(s => s.Ports.Select(p => (Service: s.Name, Port: p))).ToList();

        Assert.All(published, p => Assert.True(p.Port.HostIp == "127.0.0.1", $"{p.Service} publishes {p.Port} beyond loopback."));
        Assert.Equal(published.Count, published.Select(p => p.Port.Published).Distinct().Count());
        Assert.Empty(Compose.Service(Postgres).Ports);
    }

    /// <summary>The services' host shutdown timeout, as <c>AddServiceDefaults</c> configures it.</summary>
    private static readonly Lazy<TimeSpan> HostShutdownTimeout = new(() =>
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.AddServiceDefaults(ServiceCatalog.Scanner.HealthPort);
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    });

    private static IEnumerable<(string Host, string Via)> ConnectedHosts(ComposeService service)
    {
        foreach (var (key, value) in service.Environment)
        {
            var resolved = value is null ? null : Interpolation.ResolveWithDefaults(value);
            if (resolved is null)
            {
                continue;
            }

            if (key is "Kafka__BootstrapServers" or "BOOTSTRAP_SERVER")
            {
                foreach (var server in resolved.Split(',', StringSplitOptions.TrimEntries))
                {
                    yield return (server.Split(':')[0], key);
                }
            }
            else if (key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            {
                yield return (new NpgsqlConnectionStringBuilder(resolved).Host!, key);
            }
            else if (key.EndsWith("Url", StringComparison.Ordinal) && Uri.TryCreate(resolved, UriKind.Absolute, out var url))
            {
                yield return (url.Host, key);
            }
        }
    }

    /// <summary>A compose duration such as <c>40s</c>, <c>1m30s</c> or <c>500ms</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var parts = DurationPart().Matches(text);
        Assert.True(parts.Count > 0 && string.Concat(parts.Select(p => p.Value)) == text, $"Cannot read the duration '{text}'.");
        return parts.Aggregate(TimeSpan.Zero, (sum, part) =>
        {
            var amount = double.Parse(part.Groups["amount"].Value, CultureInfo.InvariantCulture);
            return sum + part.Groups["unit"].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                "us" => TimeSpan.FromMicroseconds(amount),
                _ => throw new InvalidDataException($"Unknown duration unit in '{text}'."),
            };
        });
    }

    [GeneratedRegex(@"(?<amount>[0-9]+(\.[0-9]+)?)(?<unit>h|ms|m|s|us)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}
