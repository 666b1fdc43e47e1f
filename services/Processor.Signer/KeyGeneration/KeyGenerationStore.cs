using Dapper;
using Npgsql;
using Processor.Messaging.Storage;

namespace Processor.Signer.KeyGeneration;

/// <summary>Where a key-generation attempt stands.</summary>
public enum CeremonyState
{
    /// <summary>Our commitments left; waiting for the others'.</summary>
    Committed,

    /// <summary>Our shares left; waiting for the others'.</summary>
    SharesSent,

    /// <summary>Keys generated.</summary>
    Generated,

    /// <summary>Ended with blame or an inconsistent broadcast; a new attempt may follow.</summary>
    Failed,
}

/// <summary>A stored attempt: its parameters, state and the public messages received.</summary>
public sealed record StoredCeremony(CeremonyParameters Parameters, CeremonyState State, byte[] OwnCommitments, IReadOnlyList<byte[]> PeerCommitments);

/// <summary>SQL over <c>key_generations</c> and <c>blame_verdicts</c>. Writes take the handler's transaction.</summary>
public sealed class KeyGenerationStore(MessagingTables tables)
{
    private const int IdentityKeyLength = 32;

    private readonly string _schema = tables.Schema;

    /// <summary>The highest attempt started for <paramref name="session"/>, or null.</summary>
    public Task<long?> LatestAttemptAsync(NpgsqlTransaction transaction, uint session, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT max(attempt) FROM {_schema}.key_generations WHERE session = @session",
            new { session = (long)session }, transaction, cancellationToken: cancellationToken));

    /// <summary>The attempt, locked until the transaction ends (one step at a time), or null.</summary>
    public async Task<StoredCeremony?> LockAsync(NpgsqlTransaction transaction, uint session, uint attempt, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<CeremonyRow>(new CommandDefinition(
            $"""
            SELECT threshold, our_participant AS ourparticipant, identity_keys AS identitykeys, own_commitments AS owncommitments,
                   peer_commitments AS peercommitments, state
            FROM {_schema}.key_generations WHERE session = @session AND attempt = @attempt FOR UPDATE
            """,
            new { session = (long)session, attempt = (long)attempt }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var keys = row.IdentityKeys.Chunk(IdentityKeyLength).ToList();
        var parameters = new CeremonyParameters(session, attempt, row.Threshold, row.OurParticipant, keys);
        var peers = row.PeerCommitments is { } stored ? stored.Chunk(row.OwnCommitments.Length).ToList() : [];
        return new StoredCeremony(parameters, ParseState(row.State), row.OwnCommitments, peers);
    }

    public Task InsertAsync(NpgsqlTransaction transaction, CeremonyParameters parameters, byte[] ownCommitments, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.key_generations
                (session, attempt, threshold, participant_count, our_participant, identity_keys, own_commitments, state)
            VALUES (@session, @attempt, @threshold, @participantCount, @ourParticipant, @identityKeys, @ownCommitments, 'committed')
            """,
            new
            {
                session = (long)parameters.Session, attempt = (long)parameters.Attempt, threshold = parameters.Threshold,
                participantCount = parameters.ParticipantCount, ourParticipant = parameters.OurParticipant,
                identityKeys = parameters.IdentityKeys.SelectMany(k => k).ToArray(), ownCommitments,
            },
            transaction, cancellationToken: cancellationToken));

    /// <summary>Records the others' round-1 messages (index order, all the same length as ours) and that our shares left.</summary>
    public Task RecordSharesSentAsync(NpgsqlTransaction transaction, CeremonyParameters parameters, IEnumerable<byte[]> peerCommitments, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE {_schema}.key_generations SET peer_commitments = @peers, state = 'shares_sent', updated_at = now()
            WHERE session = @session AND attempt = @attempt
            """,
            new { peers = peerCommitments.SelectMany(m => m).ToArray(), session = (long)parameters.Session, attempt = (long)parameters.Attempt },
            transaction, cancellationToken: cancellationToken));

    public Task SetStateAsync(
        NpgsqlTransaction transaction, CeremonyParameters parameters, CeremonyState state, string? failure, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE {_schema}.key_generations SET state = @state, failure = @failure, updated_at = now()
            WHERE session = @session AND attempt = @attempt
            """,
            new { state = StateName(state), failure, session = (long)parameters.Session, attempt = (long)parameters.Attempt },
            transaction, cancellationToken: cancellationToken));

    /// <summary>Stores a verdict; false when this accusation was already judged (nothing to emit again).</summary>
    public async Task<bool> RecordVerdictAsync(
        NpgsqlTransaction transaction, uint session, uint attempt, uint accuser, uint accused, int culprit, string finding, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.blame_verdicts (session, attempt, accuser, accused, culprit, finding)
            VALUES (@session, @attempt, @accuser, @accused, @culprit, @finding) ON CONFLICT DO NOTHING
            """,
            new { session = (long)session, attempt = (long)attempt, accuser = (int)accuser, accused = (int)accused, culprit, finding },
            transaction, cancellationToken: cancellationToken)) == 1;

    public static string StateName(CeremonyState state) => state switch
    {
        CeremonyState.Committed => "committed",
        CeremonyState.SharesSent => "shares_sent",
        CeremonyState.Generated => "generated",
        _ => "failed",
    };

    private static CeremonyState ParseState(string state) => state switch
    {
        "committed" => CeremonyState.Committed,
        "shares_sent" => CeremonyState.SharesSent,
        "generated" => CeremonyState.Generated,
        _ => CeremonyState.Failed,
    };

    private sealed record CeremonyRow(int Threshold, int OurParticipant, byte[] IdentityKeys, byte[] OwnCommitments, byte[]? PeerCommitments, string State);
}
