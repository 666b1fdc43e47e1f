using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Npgsql;
using Processor.Contracts.Common.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Storage;
using Processor.Signer.Secrets;

namespace Processor.Signer.Keys;

/// <summary>A session's stored key pair and where it stands (public parts only).</summary>
public sealed record StoredKeyPair(uint Attempt, KeyPair KeyPair, bool Confirmed);

/// <summary>
/// SQL over <c>session_keys</c>: key generation stores each session's keys (shares sealed, bound to session, attempt and
/// curve; the network key's curve named in the row), the confirmation marks them usable, and signing loads them
/// (<see cref="ISessionKeyStore"/>) on the curves they were made on.
/// </summary>
public sealed class SessionKeyStore(MessagingTables tables, SecretSealer sealer) : ISessionKeyStore
{
    private readonly string _schema = tables.Schema;

    /// <summary>
    /// Stores the keys of <paramref name="attempt"/>, replacing those of an earlier attempt not yet confirmed (a re-run
    /// after blame). Returns false, storing nothing, when the session has keys of this or a later attempt, or confirmed ones.
    /// </summary>
    public async Task<bool> SaveGeneratedAsync(
        NpgsqlTransaction transaction, uint session, uint attempt, int participant, int participantCount, GeneratedKeys keys,
        CancellationToken cancellationToken)
    {
        var substrateShare = keys.Substrate.Share.ExportSigningShare();
        var networkShare = keys.Network.Share.ExportSigningShare();
        try
        {
            var saved = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO {_schema}.session_keys AS k
                    (session, attempt, our_participant, threshold, participant_count, substrate_key, network_key, substrate_verifying_shares,
                     network_curve, network_group_key, network_verifying_shares, sealed_substrate_share, sealed_network_share)
                VALUES (@session, @attempt, @participant, @threshold, @participantCount, @substrateKey, @networkKey, @substrateShares,
                     @networkCurve, @networkGroupKey, @networkShares, @sealedSubstrate, @sealedNetwork)
                ON CONFLICT (session) DO UPDATE SET
                    attempt = excluded.attempt, our_participant = excluded.our_participant, threshold = excluded.threshold,
                    participant_count = excluded.participant_count, substrate_key = excluded.substrate_key, network_key = excluded.network_key,
                    substrate_verifying_shares = excluded.substrate_verifying_shares, network_curve = excluded.network_curve,
                    network_group_key = excluded.network_group_key,
                    network_verifying_shares = excluded.network_verifying_shares, sealed_substrate_share = excluded.sealed_substrate_share,
                    sealed_network_share = excluded.sealed_network_share, generated_at = now(), rejected_at = NULL, rejection = NULL
                WHERE k.attempt < excluded.attempt AND k.confirmed_at IS NULL
                """,
                new
                {
                    session = (long)session, attempt = (long)attempt, participant, threshold = keys.Substrate.PublicKey.Threshold, participantCount,
                    substrateKey = keys.Substrate.PublicKey.GroupPublicKey.Serialize(), networkKey = keys.PublishedNetworkKey,
                    substrateShares = VerifyingShares(keys.Substrate.PublicKey, participantCount),
                    networkCurve = keys.Network.PublicKey.Group.Name,
                    networkGroupKey = keys.Network.PublicKey.GroupPublicKey.Serialize(),
                    networkShares = VerifyingShares(keys.Network.PublicKey, participantCount),
                    sealedSubstrate = sealer.Seal(ShareRow(session, attempt, keys.Substrate), substrateShare),
                    sealedNetwork = sealer.Seal(ShareRow(session, attempt, keys.Network), networkShare),
                },
                transaction, cancellationToken: cancellationToken));
            return saved == 1;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(substrateShare);
            CryptographicOperations.ZeroMemory(networkShare);
        }
    }

    /// <summary>The session's key pair, locked until the transaction ends, or null when it has none.</summary>
    public async Task<StoredKeyPair?> LockKeyPairAsync(NpgsqlTransaction transaction, uint session, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<KeyPairRow>(new CommandDefinition(
            $"""
            SELECT attempt, substrate_key AS substratekey, network_key AS networkkey, confirmed_at IS NOT NULL AS confirmed
            FROM {_schema}.session_keys WHERE session = @session FOR UPDATE
            """,
            new { session = (long)session }, transaction, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new StoredKeyPair((uint)row.Attempt, new KeyPair { SubstrateKey = ByteString.CopyFrom(row.SubstrateKey), NetworkKey = ByteString.CopyFrom(row.NetworkKey) }, row.Confirmed);
    }

    public Task ConfirmAsync(NpgsqlTransaction transaction, uint session, DateTimeOffset activationTime, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_schema}.session_keys SET confirmed_at = now(), activation_time = @activationTime WHERE session = @session",
            new { session = (long)session, activationTime = activationTime.UtcDateTime }, transaction, cancellationToken: cancellationToken));

    public Task RecordRejectionAsync(NpgsqlTransaction transaction, uint session, string reason, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_schema}.session_keys SET rejected_at = now(), rejection = @reason WHERE session = @session AND confirmed_at IS NULL",
            new { session = (long)session, reason }, transaction, cancellationToken: cancellationToken));

    /// <inheritdoc/>
    public async Task<SessionKeys?> FindConfirmedAsync(NpgsqlConnection connection, uint session, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SharesRow>(new CommandDefinition(
            $"""
            SELECT attempt, our_participant AS ourparticipant, threshold, substrate_key AS substratekey, substrate_verifying_shares AS substrateshares,
                   network_curve AS networkcurve, network_group_key AS networkgroupkey, network_verifying_shares AS networkshares,
                   sealed_substrate_share AS sealedsubstrate, sealed_network_share AS sealednetwork
            FROM {_schema}.session_keys WHERE session = @session AND confirmed_at IS NOT NULL
            """,
            new { session = (long)session }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var attempt = (uint)row.Attempt;
        var substrate = Load(Ristretto255Group.Instance, row, row.SubstrateKey, row.SubstrateShares, row.SealedSubstrate, session, attempt);
        try
        {
            var network = Load(NetworkKeySuites.GroupNamed(row.NetworkCurve), row, row.NetworkGroupKey, row.NetworkShares, row.SealedNetwork, session, attempt);
            return new SessionKeys(session, row.OurParticipant, substrate, network);
        }
        catch
        {
            substrate.Dispose();
            throw;
        }
    }

    private CurveKey Load(PrimeOrderGroup group, SharesRow row, byte[] groupKeyBytes, byte[] verifyingShares, byte[] sealedShare, uint session, uint attempt)
    {
        var groupKey = group.DeserializeElement(groupKeyBytes);
        var shares = verifyingShares.Chunk(group.ElementLength)
            .Select((bytes, i) => (Identifier.FromIndex(group, i + 1), group.DeserializeElement(bytes)))
            .ToDictionary(p => p.Item1, p => p.Item2);
        var secret = sealer.Open(new SealedRow("key share", session, attempt, group.Name), sealedShare);
        try
        {
            using var scalar = group.DeserializeScalar(secret);
            var share = new KeyShare(Identifier.FromIndex(group, row.OurParticipant), scalar, groupKey, row.Threshold);
            return new CurveKey(share, new ThresholdPublicKey(groupKey, shares, row.Threshold));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static SealedRow ShareRow(uint session, uint attempt, CurveKey key) => new("key share", session, attempt, key.Share.Group.Name);

    private static byte[] VerifyingShares(ThresholdPublicKey key, int participantCount) =>
        [.. Enumerable.Range(1, participantCount).SelectMany(i => key.VerifyingShares[Identifier.FromIndex(key.Group, i)].Serialize())];

    private sealed record KeyPairRow(long Attempt, byte[] SubstrateKey, byte[] NetworkKey, bool Confirmed);

    private sealed record SharesRow(
        long Attempt, int OurParticipant, int Threshold, byte[] SubstrateKey, byte[] SubstrateShares, string NetworkCurve, byte[] NetworkGroupKey, byte[] NetworkShares,
        byte[] SealedSubstrate, byte[] SealedNetwork);
}
