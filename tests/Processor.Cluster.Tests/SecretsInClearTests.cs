using Dapper;
using Npgsql;
using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Messaging.Storage;
using Processor.Signer.Keys;
using Processor.Signer.Secrets;

namespace Processor.Cluster.Tests;

/// <summary>
/// After a full run (key generation, a Batch signature), the secrets are nowhere in clear: not in any table of any service,
/// not on any topic, not in any line any process logged. The test gets the secrets the way only the signer can: by opening
/// the sealed rows with each validator's secret key file.
/// </summary>
[Collection(ThreeValidatorsDefinition.Name)]
public sealed class SecretsInClearTests(ThreeValidators cluster)
{
    private static readonly string[] Schemas = ["signer", "scanner", "reporter", "scheduler"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FullRun_SharesIdentityKeysAndStorageKeys_NowhereInTablesTopicsOrLogs()
    {
        var keys = await cluster.SharedKeysAsync();
        var batchId = cluster.NextBatchId();
        await cluster.RequestSignatureAsync(BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId), [1, 2, 3]);
        await cluster.WaitForBatchIncludedAsync(batchId);

        var secrets = new List<(string, byte[])>();
        foreach (var validator in cluster.Cluster.Validators)
        {
            secrets.AddRange(await SecretsOfAsync(validator));
        }

        // Per validator: its storage key, its identity key and both shares of at least the shared session.
        Assert.True(secrets.Count >= 3 * 4, $"only {secrets.Count} secrets loaded");
        var search = new SecretSearch(secrets);
        var sightings = new List<SecretSighting>();
        foreach (var validator in cluster.Cluster.Validators)
        {
            foreach (var schema in Schemas)
            {
                sightings.AddRange(await search.InDatabaseAsync(validator.ConnectionString, schema, Cancel));
            }

            sightings.AddRange(search.InText(validator.AllOutput(), $"output of validator {validator.Participant}'s processes"));
        }

        sightings.AddRange(search.InText(cluster.Coordinator.Log.Text, "the coordinator simulator's log"));
        foreach (var watch in cluster.Events.Concat(cluster.SignerKeys).Concat(cluster.SignerSignatures))
        {
            foreach (var record in watch.Records)
            {
                sightings.AddRange(search.InText(Convert.ToHexStringLower(record.Value), $"{watch.Topic} offset {record.Offset} (hex)"));
                sightings.AddRange(search.InBytes(record.Value, $"{watch.Topic} offset {record.Offset}"));
            }
        }

        Assert.True(sightings.Count == 0, "Secrets found in clear:\n" + string.Join('\n', sightings.Select(s => $"{s.Secret} as {s.Form} in {s.Place}")));
    }

    /// <summary>The storage key, the identity key and every confirmed share of <paramref name="validator"/>, opened with its key file.</summary>
    private static async Task<List<(string, byte[])>> SecretsOfAsync(Validator validator)
    {
        var name = $"validator {validator.Participant}";
        var secrets = new List<(string, byte[])> { ($"{name}'s storage key", (byte[])validator.SecretKey.Key.Clone()) };
        using var storageKey = StorageKey.FromBytes(validator.SecretKey.Key);
        var sealer = new SecretSealer(storageKey);
        await using var connection = new NpgsqlConnection(validator.ConnectionString);
        await connection.OpenAsync(Cancel);
        var sealedIdentity = await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition("SELECT sealed_secret FROM signer.identity", cancellationToken: Cancel));
        secrets.Add(($"{name}'s identity key", sealer.Open(SealedRow.Identity, sealedIdentity!)));
        var store = new SessionKeyStore(new MessagingTables("signer"), sealer);
        var sessions = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT session FROM signer.session_keys WHERE confirmed_at IS NOT NULL", cancellationToken: Cancel));
        foreach (var session in sessions)
        {
            using var sessionKeys = await store.FindConfirmedAsync(connection, (uint)session, Cancel);
            secrets.Add(($"{name}'s substrate share of session {session}", sessionKeys!.Substrate.Share.ExportSigningShare()));
            secrets.Add(($"{name}'s network share of session {session}", sessionKeys.Network.Share.ExportSigningShare()));
        }

        return secrets;
    }
}
