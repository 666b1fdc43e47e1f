using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Processor.Messaging.Storage;

/// <summary>
/// Applies ordered SQL migrations embedded in assemblies (resources ending in <c>Migrations.NNNN_name.sql</c>) to one
/// schema, each once, under an advisory lock so concurrent replicas do not race. <c>{schema}</c> in a file is replaced by
/// the schema name. The messaging tables come first, then the service's own files.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    public async Task MigrateAsync(string schema, IEnumerable<Assembly> assemblies, CancellationToken cancellationToken)
    {
        SchemaName.Validate(schema);
        var migrations = assemblies.Prepend(typeof(SchemaMigrator).Assembly).Distinct().SelectMany(Discover).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_lock(hashtext('processor.migrations.' || @schema))", new { schema },
            cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                CREATE SCHEMA IF NOT EXISTS {schema};
                CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                    id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
                """, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT id FROM {schema}.schema_migrations", cancellationToken: cancellationToken))).ToHashSet();

            foreach (var migration in migrations.Where(m => !applied.Contains(m.Id)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    migration.Sql.Replace("{schema}", schema, StringComparison.Ordinal), transaction: transaction,
                    cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    $"INSERT INTO {schema}.schema_migrations (id) VALUES (@id)", new { id = migration.Id }, transaction,
                    cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, migration.Id, schema);
            }
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_unlock(hashtext('processor.migrations.' || @schema))", new { schema },
                cancellationToken: CancellationToken.None));
        }
    }

    private static IEnumerable<Migration> Discover(Assembly assembly)
    {
        var module = assembly.GetName().Name!;
        return assembly.GetManifestResourceNames()
            .Select(name => (name, match: MigrationResource().Match(name)))
            .Where(x => x.match.Success)
            .OrderBy(x => x.match.Groups["file"].Value, StringComparer.Ordinal)
            .Select(x =>
            {
                using var stream = assembly.GetManifestResourceStream(x.name)!;
                using var reader = new StreamReader(stream);
                return new Migration($"{module}/{x.match.Groups["file"].Value}", reader.ReadToEnd());
            });
    }

    [GeneratedRegex(@"\.Migrations\.(?<file>\d{4}_[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex MigrationResource();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration} to schema {Schema}")]
    private static partial void LogApplied(ILogger logger, string migration, string schema);

    private sealed record Migration(string Id, string Sql);
}
