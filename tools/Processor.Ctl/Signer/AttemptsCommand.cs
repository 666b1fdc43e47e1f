using System.CommandLine;
using Dapper;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl.Signer;

/// <summary>
/// <c>attempts</c>: the signer's signing attempts (Serai's SignId: session, kind, id, attempt), newest first, with their
/// state, the signing set the coordinator chose and their times. Reads the signer's tables; holds no secret (nonces are
/// never stored).
/// </summary>
internal sealed class AttemptsCommand : ServiceStateCommand
{
    private const string Kinds = "CASE a.kind WHEN 1 THEN 'batch' WHEN 2 THEN 'transaction' ELSE a.kind::text END";

    private readonly Option<int?> _session = new("--session") { Description = "Only this session's attempts", HelpName = "session" };

    private readonly Option<int> _limit = new("--limit") { Description = "At most this many attempts (default 50)", DefaultValueFactory = _ => 50 };

    public AttemptsCommand(Func<string, string?> environment)
        : base("attempts", "Show the signer's signing attempts: sign id, state, participants chosen, times.", ServiceCatalog.Signer, "signing_attempts", environment)
    {
        Options.Add(_session);
        Options.Add(_limit);
    }

    protected override void CheckUsage(ParseResult parsed) => PositiveLimit(parsed, _limit);

    protected override async Task<int> RunAsync(ParseResult parsed, Database db, MessagingTables tables, TextWriter output, CancellationToken cancellationToken)
    {
        var schema = tables.Schema;
        var limit = PositiveLimit(parsed, _limit);
        var rows = await db.Connection.QueryAsync<AttemptLine>(new CommandDefinition(
            $"""
            SELECT a.session, {Kinds} AS kind, encode(a.id, 'hex') AS id, a.attempt, a.state,
                   coalesce(array_to_string(a.participants, ','), '-') AS participants,
                   to_char(a.preprocessed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS preprocessed,
                   coalesce(to_char(a.shared_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), '-') AS shared,
                   coalesce(to_char(a.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), '-') AS finished,
                   coalesce(a.note, '') AS note
            FROM {schema}.signing_attempts a
            WHERE @session IS NULL OR a.session = @session
            ORDER BY a.preprocessed_at DESC, a.attempt DESC LIMIT @limit
            """, new { session = parsed.GetValue(_session), limit }, cancellationToken: cancellationToken));
        var table = new TextTable(">session", "kind", "id", ">attempt", "state", "participants", "preprocessed (UTC)", "shared", "finished", "note");
        foreach (var row in rows)
        {
            table.Add(row.Session, row.Kind, row.Id, row.Attempt, row.State, row.Participants, row.Preprocessed, row.Shared, row.Finished, row.Note);
        }

        if (table.Count == 0)
        {
            await output.WriteLineAsync($"No signing attempts in {schema}.");
            return 0;
        }

        table.WriteTo(output);
        return 0;
    }

    private sealed class AttemptLine
    {
        public int Session { get; init; }

        public string Kind { get; init; } = "";

        public string Id { get; init; } = "";

        public int Attempt { get; init; }

        public string State { get; init; } = "";

        public string Participants { get; init; } = "";

        public string Preprocessed { get; init; } = "";

        public string Shared { get; init; } = "";

        public string Finished { get; init; } = "";

        public string Note { get; init; } = "";
    }
}
