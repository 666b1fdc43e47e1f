using System.CommandLine;
using Dapper;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl.Signer;

/// <summary>
/// <c>keys</c>: the signer's key generations and keys, from its schema (public columns only; no secret key file needed):
/// session, attempt, substrate key, network key, threshold/n, state (generating, generated, confirmed, rejected, failed)
/// and times. <c>--identity</c> prints the signer's identity public key instead, for the coordinator's participant list.
/// </summary>
internal sealed class KeysCommand : ServiceStateCommand
{
    private readonly Option<bool> _identity = new("--identity") { Description = "Print the signer's identity public key (hex) only" };

    public KeysCommand(Func<string, string?> environment)
        : base("keys", "Show the signer's keys per session (or its identity key).", ServiceCatalog.Signer, "identity", environment)
    {
        Options.Add(_identity);
    }

    protected override async Task<int> RunAsync(ParseResult parsed, Database db, MessagingTables tables, TextWriter output, CancellationToken cancellationToken)
    {
        var schema = tables.Schema;
        if (parsed.GetValue(_identity))
        {
            var key = await db.Connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
                $"SELECT public_key FROM {schema}.identity", cancellationToken: cancellationToken))
                ?? throw new CtlException($"The signer ({schema}) has no identity key yet: it creates it at its first start.");
            await output.WriteLineAsync(Convert.ToHexStringLower(key));
            return 0;
        }

        var rows = await db.Connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"""
            SELECT g.session, g.attempt, g.threshold, g.participant_count AS participantcount,
                   k.substrate_key AS substratekey, k.network_key AS networkkey,
                   CASE WHEN k.confirmed_at IS NOT NULL THEN 'confirmed'
                        WHEN k.rejected_at IS NOT NULL THEN 'rejected'
                        WHEN k.session IS NOT NULL THEN 'generated'
                        WHEN g.state = 'failed' THEN 'failed'
                        ELSE 'generating' END AS state,
                   g.started_at AS startedat, k.generated_at AS generatedat, k.confirmed_at AS confirmedat, k.activation_time AS activationtime
            FROM {schema}.key_generations g
            LEFT JOIN {schema}.session_keys k ON k.session = g.session AND k.attempt = g.attempt
            ORDER BY g.session, g.attempt
            """,
            cancellationToken: cancellationToken));
        var table = new TextTable("SESSION", "ATTEMPT", "SUBSTRATE KEY", "NETWORK KEY", "T/N", "STATE", "STARTED", "GENERATED", "CONFIRMED", "ACTIVATION");
        foreach (var row in rows)
        {
            table.Add(
                row.Session, row.Attempt, Hex(row.SubstrateKey), Hex(row.NetworkKey), $"{row.Threshold}/{row.ParticipantCount}", row.State,
                Time(row.StartedAt), Time(row.GeneratedAt), Time(row.ConfirmedAt), Time(row.ActivationTime));
        }

        if (table.Count == 0)
        {
            await output.WriteLineAsync($"The signer ({schema}) has run no key generation yet.");
            return 0;
        }

        table.WriteTo(output);
        return 0;
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "-" : Convert.ToHexStringLower(bytes);

    private static string Time(DateTime? time) => time is { } t ? t.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "-";


    private sealed record KeyRow(
        long Session, long Attempt, int Threshold, int ParticipantCount, byte[]? SubstrateKey, byte[]? NetworkKey, string State,
        DateTime StartedAt, DateTime? GeneratedAt, DateTime? ConfirmedAt, DateTime? ActivationTime);
}
