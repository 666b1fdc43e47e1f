namespace Processor.Embedded.Postgres;

/// <summary>Settings of a <see cref="TemporaryPostgresCluster"/>.</summary>
public sealed class TemporaryPostgresOptions
{
    /// <summary>Loopback port; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Folder holding <c>initdb</c> and <c>pg_ctl</c>. Null: <c>PATH</c> first, then the newest <c>/usr/lib/postgresql/*/bin</c>.
    /// </summary>
    public string? BinDirectory { get; set; }

    /// <summary>Parent of the cluster's folder; null = the system temp folder. Must be reachable by the <c>postgres</c> user when running as root.</summary>
    public string? RootDirectory { get; set; }

    /// <summary>Value of the server's <c>max_connections</c>.</summary>
    public int MaxConnections { get; set; } = 200;

    /// <summary>Bound on <c>initdb</c>, on the server start and on the first successful connection.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether to copy a cached, initdb'd template (<c>{RootDirectory}/processor-pg-template-{hash}</c>, built once per set of binaries
    /// and kept for later runs) instead of running <c>initdb</c> each time (~2-3 s). Default true.
    /// </summary>
    public bool UseTemplateCache { get; set; } = true;

    /// <summary>Whether to stop and delete clusters left behind by test processes that died without disposing theirs. Default true.</summary>
    public bool CleanUpAbandonedClusters { get; set; } = true;
}
