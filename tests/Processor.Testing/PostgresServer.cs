using Processor.Embedded.Postgres;

namespace Processor.Testing;

/// <summary>
/// The PostgreSQL server of the test process (xUnit-independent). <c>PROCESSOR_TEST_POSTGRES</c> (an Npgsql connection string)
/// names an existing server; otherwise ONE <see cref="TemporaryPostgresCluster"/> is started on first use, shared by every test
/// in the process, and stopped (its folder deleted) when the process exits.
/// </summary>
/// <remarks>Isolate tests with a schema each (<see cref="CreateSchemaName"/>), not with a server each.</remarks>
public static class PostgresServer
{
    /// <summary>Environment variable naming an existing server (Npgsql connection string).</summary>
    public const string EnvironmentVariable = "PROCESSOR_TEST_POSTGRES";

    private static readonly Lazy<(string ConnectionString, TemporaryPostgresCluster? Cluster)> Server =
        new(StartOrUseExisting, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of the server (starts the temporary cluster on first use; blocks until it answers).</summary>
    public static string ConnectionString => Server.Value.ConnectionString;

    /// <summary>True when the server comes from <c>PROCESSOR_TEST_POSTGRES</c> rather than a temporary cluster.</summary>
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The temporary cluster, or null when <see cref="IsExternal"/>.</summary>
    public static TemporaryPostgresCluster? Cluster => Server.Value.Cluster;

    /// <summary>
    /// A unique, lower-case schema name <c>{prefix}_{16 hex}</c> (prefix lower-cased, reduced to [a-z0-9_], at most 40 characters).
    /// The schema is not created.
    /// </summary>
    public static string CreateSchemaName(string prefix = "test")
    {
        var cleaned = new string((prefix ?? "").ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_').ToArray());
        if (cleaned.Length == 0 || char.IsDigit(cleaned[0]))
        {
            cleaned = "s_" + cleaned;
        }

        if (cleaned.Length > 40)
        {
            cleaned = cleaned[..40];
        }

        return $"{cleaned}_{Guid.NewGuid():N}"[..(cleaned.Length + 17)];
    }

    private static (string, TemporaryPostgresCluster?) StartOrUseExisting()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, null);
        }

        var cluster = TemporaryPostgresCluster.Start();
        ExitCleanup.Register("the test PostgreSQL cluster", () => cluster.StopWithoutWaiting());
        return (cluster.ConnectionString, cluster);
    }
}
