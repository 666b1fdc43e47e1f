using Dapper;
using Npgsql;
using Processor.Messaging.Storage;

namespace Processor.Signer.Signing;

/// <summary>A request to sign, as stored: its Protobuf bytes (BatchSignRequested or PlanCreated), the newest attempt started here, and whether it was signed.</summary>
public sealed class SigningRequestRow
{
    public byte[] Request { get; init; } = [];

    public int CurrentAttempt { get; init; }

    public bool Completed { get; init; }
}

/// <summary>An attempt, as stored (public data only).</summary>
public sealed class SigningAttemptRow
{
    public string State { get; init; } = "";

    public byte[][] OurPreprocesses { get; init; } = [];

    /// <summary>The signing set the coordinator chose (us included), once known.</summary>
    public int[]? Participants { get; init; }

    /// <summary>The SignPeerPreprocesses we signed with, as relayed.</summary>
    public byte[]? PeerPreprocesses { get; init; }

    public byte[][]? OurShares { get; init; }
}

/// <summary>The states of an attempt (see Migrations/0010).</summary>
public static class AttemptStates
{
    public const string Preprocessed = "preprocessed";
    public const string Shared = "shared";
    public const string Completed = "completed";
    public const string Blamed = "blamed";
    public const string Abandoned = "abandoned";
    public const string Superseded = "superseded";
}

/// <summary>SQL over the signing tables. Every call takes the handler's transaction.</summary>
public sealed class SigningStore(MessagingTables tables)
{
    private readonly string _schema = tables.Schema;

    /// <summary>Stores a new request with attempt 0 current; false when it was already stored (nothing is done twice).</summary>
    public async Task<bool> InsertRequestAsync(NpgsqlTransaction transaction, SubjectKey subject, byte[] request, CancellationToken cancellationToken) =>
        await Execute(transaction, $"""
            INSERT INTO {_schema}.signing_requests (session, kind, id, request, current_attempt)
            VALUES (@session, @kind, @id, @request, 0) ON CONFLICT DO NOTHING
            """, new { session = (int)subject.Session, kind = (short)subject.Kind, id = subject.Id, request }, cancellationToken) == 1;

    /// <summary>The request, locked until the transaction ends (steps of one subject run one at a time); null when unknown.</summary>
    public Task<SigningRequestRow?> LockRequestAsync(NpgsqlTransaction transaction, SubjectKey subject, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<SigningRequestRow?>(new CommandDefinition(
            $"""
            SELECT request, current_attempt AS currentattempt, completed_at IS NOT NULL AS completed
            FROM {_schema}.signing_requests WHERE session = @session AND kind = @kind AND id = @id FOR UPDATE
            """, SubjectArgs(subject), transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Records <paramref name="attempt"/> as preprocessed and current, superseding older attempts still in progress (blamed and abandoned ones keep why they ended); false when it
    /// was already recorded — then it has sent its preprocess and must never preprocess again.
    /// </summary>
    public async Task<bool> InsertAttemptAsync(NpgsqlTransaction transaction, AttemptKey attempt, CancellationToken cancellationToken)
    {
        var inserted = await Execute(transaction, $"""
            INSERT INTO {_schema}.signing_attempts (session, kind, id, attempt, state)
            VALUES (@session, @kind, @id, @attempt, '{AttemptStates.Preprocessed}') ON CONFLICT DO NOTHING
            """, AttemptArgs(attempt), cancellationToken) == 1;
        if (inserted)
        {
            await Execute(transaction, $"""
                UPDATE {_schema}.signing_requests SET current_attempt = @attempt WHERE session = @session AND kind = @kind AND id = @id;
                UPDATE {_schema}.signing_attempts SET state = '{AttemptStates.Superseded}', finished_at = now()
                WHERE session = @session AND kind = @kind AND id = @id AND attempt < @attempt
                  AND state IN ('{AttemptStates.Preprocessed}', '{AttemptStates.Shared}')
                """, AttemptArgs(attempt), cancellationToken);
        }

        return inserted;
    }

    /// <summary>Appends one machine's preprocess (public nonce commitments) to the attempt.</summary>
    public Task AppendPreprocessAsync(NpgsqlTransaction transaction, AttemptKey attempt, byte[] preprocess, CancellationToken cancellationToken) =>
        Execute(transaction, $"""
            UPDATE {_schema}.signing_attempts SET our_preprocesses = array_append(our_preprocesses, @preprocess)
            WHERE session = @session AND kind = @kind AND id = @id AND attempt = @attempt
            """, new { session = (int)attempt.Subject.Session, kind = (short)attempt.Subject.Kind, id = attempt.Subject.Id, attempt = (int)attempt.Attempt, preprocess },
            cancellationToken);

    /// <summary>The attempt, locked; null when it was never started here.</summary>
    public Task<SigningAttemptRow?> LockAttemptAsync(NpgsqlTransaction transaction, AttemptKey attempt, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<SigningAttemptRow?>(new CommandDefinition(
            $"""
            SELECT state, our_preprocesses AS ourpreprocesses, participants, peer_preprocesses AS peerpreprocesses, our_shares AS ourshares
            FROM {_schema}.signing_attempts WHERE session = @session AND kind = @kind AND id = @id AND attempt = @attempt FOR UPDATE
            """, AttemptArgs(attempt), transaction, cancellationToken: cancellationToken));

    /// <summary>Records the signing set the coordinator chose, their preprocesses as relayed, and our shares.</summary>
    public Task MarkSharedAsync(
        NpgsqlTransaction transaction, AttemptKey attempt, int[] participants, byte[] peerPreprocesses, byte[][] ourShares,
        CancellationToken cancellationToken) =>
        Execute(transaction, $"""
            UPDATE {_schema}.signing_attempts
            SET state = '{AttemptStates.Shared}', participants = @participants, peer_preprocesses = @peerPreprocesses, our_shares = @ourShares,
                shared_at = now()
            WHERE session = @session AND kind = @kind AND id = @id AND attempt = @attempt
            """, new
            {
                session = (int)attempt.Subject.Session, kind = (short)attempt.Subject.Kind, id = attempt.Subject.Id, attempt = (int)attempt.Attempt,
                participants, peerPreprocesses, ourShares,
            }, cancellationToken);

    /// <summary>Ends the attempt in <paramref name="state"/> (blamed, abandoned) with a note for the operator.</summary>
    public Task FinishAttemptAsync(NpgsqlTransaction transaction, AttemptKey attempt, string state, string note, CancellationToken cancellationToken) =>
        Execute(transaction, $"""
            UPDATE {_schema}.signing_attempts SET state = @state, note = @note, finished_at = now()
            WHERE session = @session AND kind = @kind AND id = @id AND attempt = @attempt
            """, new { session = (int)attempt.Subject.Session, kind = (short)attempt.Subject.Kind, id = attempt.Subject.Id, attempt = (int)attempt.Attempt, state, note },
            cancellationToken);

    /// <summary>Marks the attempt and its request completed.</summary>
    public Task CompleteAsync(NpgsqlTransaction transaction, AttemptKey attempt, CancellationToken cancellationToken) =>
        Execute(transaction, $"""
            UPDATE {_schema}.signing_attempts SET state = '{AttemptStates.Completed}', finished_at = now()
            WHERE session = @session AND kind = @kind AND id = @id AND attempt = @attempt;
            UPDATE {_schema}.signing_requests SET completed_at = now() WHERE session = @session AND kind = @kind AND id = @id
            """, AttemptArgs(attempt), cancellationToken);

    private static object SubjectArgs(SubjectKey subject) => new { session = (int)subject.Session, kind = (short)subject.Kind, id = subject.Id };

    private static object AttemptArgs(AttemptKey attempt) => new
    {
        session = (int)attempt.Subject.Session, kind = (short)attempt.Subject.Kind, id = attempt.Subject.Id, attempt = (int)attempt.Attempt,
    };

    private static Task<int> Execute(NpgsqlTransaction transaction, string sql, object args, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
}
