using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using Processor.Contracts;
using Processor.Embedded.Kafka;
using Processor.Embedded;
using Processor.Testing.Litecoin;
using Processor.Testing;

namespace Processor.Services.Tests;

/// <summary>
/// Each of the four services as a process: it creates its topics, migrates its schema, reports ready with Postgres and
/// Kafka healthy, and stops cleanly on SIGTERM; a bad configuration makes it refuse to start, naming the setting.
/// </summary>
public sealed class ServiceHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _network = "bitcoin-t" + Guid.NewGuid().ToString("N")[..12];
    private readonly SecretKeyFile _signerKey = SecretKeyFile.Create();
    private EmbeddedKafkaControlServer? _control;

    public static TheoryData<string> Services => new(ServiceCatalog.All.Select(s => s.Name));

    public async ValueTask InitializeAsync()
    {
        if (!KafkaBroker.IsReal)
        {
            _control = await EmbeddedKafkaControlServer.StartAsync(KafkaBroker.Embedded!, port: 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _signerKey.Dispose();
        if (_control is not null)
        {
            await _control.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Service_CreatesTopicsMigratesReportsReady_AndStopsCleanlyOnSigterm(string name)
    {
        var service = ServiceCatalog.All.Single(s => s.Name == name);
        var schema = PostgresServer.CreateSchemaName(name);
        var port = LoopbackPorts.GetFreePort();
        using var process = ServiceProcess.Start(service, Environment(schema, port));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var ready = await PollAsync(http, "/health/ready");
        Assert.True(ready.Status == HttpStatusCode.OK, $"not ready: {ready.Body}\n{process.Output}");
        using var report = JsonDocument.Parse(ready.Body);
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("kafka").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            var tables = await connection.QueryAsync<string>(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema", new { schema });
            Assert.Superset(new HashSet<string> { "schema_migrations", "consumer_offsets", "inbox", "outbox", "dead_letters" }, tables.ToHashSet());
        }

        var created = KafkaBroker.Embedded?.CreatedTopics ?? new Dictionary<string, int>();
        Assert.All(Topics.For(_network).All, t => Assert.True(KafkaBroker.IsReal || created.GetValueOrDefault(t.Name) == t.Partitions, t.Name));

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(40)));
    }

    [Fact]
    public async Task MissingPostgresConnectionString_RefusesToStart_NamingTheSetting()
    {
        var environment = Environment(PostgresServer.CreateSchemaName("cfg"), LoopbackPorts.GetFreePort());
        environment.Remove("ConnectionStrings__Postgres");
        using var process = ServiceProcess.Start(ServiceCatalog.Scanner, environment);

        Assert.Equal(2, await process.WaitForExitAsync(Timeout));
        Assert.Contains("scanner: configuration error: ConnectionStrings:Postgres is required", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidNetworkName_RefusesToStart_NamingTheSetting()
    {
        var environment = Environment(PostgresServer.CreateSchemaName("cfg"), LoopbackPorts.GetFreePort());
        environment["Processor__Network"] = "Bitcoin Main";
        using var process = ServiceProcess.Start(ServiceCatalog.Reporter, environment);

        Assert.Equal(2, await process.WaitForExitAsync(Timeout));
        Assert.Contains("reporter: configuration error: Processor:Network is 'Bitcoin Main'", process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Validator One")]
    [InlineData("validator-with-a-name-longer-than-32")]
    public async Task InvalidTopicNamespace_RefusesToStart_NamingTheSetting(string topicNamespace)
    {
        var environment = Environment(PostgresServer.CreateSchemaName("cfg"), LoopbackPorts.GetFreePort());
        environment["Processor__TopicNamespace"] = topicNamespace;
        using var process = ServiceProcess.Start(ServiceCatalog.Scheduler, environment);

        Assert.Equal(2, await process.WaitForExitAsync(Timeout));
        Assert.Contains(
            $"scheduler: configuration error: Processor:TopicNamespace is '{topicNamespace}': a topic namespace is 1 to 32", process.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachablePostgres_GivesUpAfterTheStartupTimeout_WithOneClearLine()
    {
        var environment = Environment(PostgresServer.CreateSchemaName("cfg"), LoopbackPorts.GetFreePort());
        environment["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={LoopbackPorts.GetFreePort()};Username=postgres";
        environment["Messaging__StartupTimeout"] = "00:00:02";
        using var process = ServiceProcess.Start(ServiceCatalog.Signer, environment);

        Assert.Equal(1, await process.WaitForExitAsync(Timeout));
        Assert.Contains("signer: failed to start: Postgres did not become reachable within 2 s (Messaging:StartupTimeout)", process.Output, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Environment(string schema, int port)
    {
        // The scanner's node: the shared litecoind regtest node.
        var environment = TestServiceEnvironment.OnTestBroker(_network, _control, port, LitecoinRegtest.Node.ServiceEnvironment());
        environment["ConnectionStrings__Postgres"] = PostgresServer.ConnectionString;
        environment["Messaging__Schema"] = schema;
        environment["Messaging__ConsumerGroup"] = "group-" + schema;
        environment["Signer__SecretKeyFile"] = _signerKey.Path;
        return environment;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PollAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow + Timeout;
        (HttpStatusCode, string) last = (HttpStatusCode.ServiceUnavailable, "no answer");
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                last = (response.StatusCode, await response.Content.ReadAsStringAsync());
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        return last;
    }
}
