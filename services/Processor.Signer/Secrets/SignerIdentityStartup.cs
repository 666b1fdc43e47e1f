using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Processor.Signer.Secrets;

/// <summary>
/// Creates and announces the identity key at the first start, so a coordinator can list this validator in
/// <c>GenerateKey</c> before any ceremony. Registered after the messaging start-up (the schema exists by then).
/// </summary>
public sealed class SignerIdentityStartup(NpgsqlDataSource dataSource, SignerIdentityStore identities) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var identity = await identities.LoadOrCreateAsync(transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
