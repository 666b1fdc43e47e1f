using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Npgsql;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Outbox;
using Processor.Messaging.Storage;

namespace Processor.Signer.Secrets;

/// <summary>
/// The signer's long-term identity key: created once (at the first start, or by the first ceremony if that comes first),
/// stored sealed, and announced with one <c>SignerIdentity</c> on <c>processor.events</c> in the same transaction.
/// </summary>
public sealed class SignerIdentityStore(MessagingTables tables, SecretSealer sealer, IFactPublisher facts, NetworkTopics topics)
{
    private readonly string _schema = tables.Schema;

    /// <summary>The identity key (the caller disposes it), created and announced if this signer has none yet.</summary>
    public async Task<IdentityKey> LoadOrCreateAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var stored = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            $"SELECT sealed_secret FROM {_schema}.identity", transaction: transaction, cancellationToken: cancellationToken));
        if (stored is not null)
        {
            return Open(stored);
        }

        var identity = IdentityKey.Generate();
        var secret = identity.ExportSecret();
        try
        {
            var publicKey = identity.PublicKey.Serialize();
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {_schema}.identity (public_key, sealed_secret) VALUES (@publicKey, @sealedSecret) ON CONFLICT DO NOTHING",
                new { publicKey, sealedSecret = sealer.Seal(SealedRow.Identity, secret) }, transaction, cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                // Another transaction created it first: use that one.
                identity.Dispose();
                return await LoadOrCreateAsync(transaction, cancellationToken);
            }

            await facts.AppendAsync(
                transaction, topics.ProcessorEvents, topics.Network, $"signer/{topics.Network}/identity/{Convert.ToHexStringLower(publicKey)}",
                new SignerIdentity { IdentityKey = ByteString.CopyFrom(publicKey) }, cancellationToken);
            return identity;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The identity public key, or null before the first start. Needs no secret (e.g. for <c>processorctl</c>).</summary>
    public static Task<byte[]?> FindPublicKeyAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            $"SELECT public_key FROM {SchemaName.Validate(schema)}.identity", cancellationToken: cancellationToken));

    private IdentityKey Open(byte[] sealedSecret)
    {
        var secret = sealer.Open(SealedRow.Identity, sealedSecret);
        try
        {
            return IdentityKey.FromSecret(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
