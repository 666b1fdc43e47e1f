using Npgsql;
using Processor.Embedded.Postgres;

namespace Processor.Embedded.Tests;

public sealed class TemporaryPostgresClusterTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_AnswersSelect1_AndDisposeDeletesItsDirectory()
    {
        string directory;
        int port;
        await using (var cluster = await TemporaryPostgresCluster.StartAsync(cancellationToken: Cancellation))
        {
            directory = cluster.DirectoryPath;
            port = cluster.Port;
            Assert.True(Directory.Exists(cluster.DataDirectory));
            Assert.Equal($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", cluster.ConnectionString);
            TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL ready in {cluster.StartupTime.TotalMilliseconds:F0} ms ({cluster.BinDirectory})");

            await using var connection = new NpgsqlConnection(cluster.ConnectionString);
            await connection.OpenAsync(Cancellation);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            Assert.Equal(1, await command.ExecuteScalarAsync(Cancellation));

            await using var settings = new NpgsqlCommand("SELECT current_setting('fsync') || ',' || current_setting('max_connections')", connection);
            Assert.Equal("off,200", await settings.ExecuteScalarAsync(Cancellation));
        }

        Assert.False(Directory.Exists(directory));
        NpgsqlConnection.ClearAllPools();
        await using var stopped = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Timeout=2;Pooling=false");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => stopped.OpenAsync(Cancellation));
    }

    [Fact]
    public async Task StopWithoutWaiting_DeletesTheFolderAtOnce_AndTheServerExitsOnItsOwn()
    {
        var cluster = await TemporaryPostgresCluster.StartAsync(cancellationToken: Cancellation);
        var directory = cluster.DirectoryPath;

        var postmaster = cluster.StopWithoutWaiting();

        Assert.NotNull(postmaster);
        Assert.False(Directory.Exists(directory));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Directory.Exists($"/proc/{postmaster}") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancellation);
        }

        Assert.False(Directory.Exists($"/proc/{postmaster}"), $"postmaster {postmaster} still runs a minute after SIGQUIT");
        Assert.Null(cluster.StopWithoutWaiting());
    }

    [Fact]
    public async Task CreateDatabaseAsync_Twice_ReturnsAUsableConnectionString_AlsoWithoutTheTemplateCache()
    {
        await using var cluster = await TemporaryPostgresCluster.StartAsync(
            new TemporaryPostgresOptions { UseTemplateCache = false }, Cancellation);

        var first = await cluster.CreateDatabaseAsync("processor_test", Cancellation);
        var second = await cluster.CreateDatabaseAsync("processor_test", Cancellation);

        Assert.Equal(first, second);
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("processor_test", await command.ExecuteScalarAsync(Cancellation));
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.CreateDatabaseAsync("Bad-Name", Cancellation));
    }

    [Fact]
    public async Task Start_WithoutTheBinaries_ExplainsWhatToInstall()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TemporaryPostgresCluster.StartAsync(
            new TemporaryPostgresOptions { BinDirectory = "/nonexistent/postgresql/bin" }, Cancellation));

        Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
    }
}
