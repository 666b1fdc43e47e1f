using System.CommandLine;
using System.Globalization;
using Dapper;
using Npgsql;
using Processor.Messaging.Storage;

namespace Processor.Ctl;

/// <summary>
/// <c>replay</c>: rewinds a service's stored consumer offsets and, with <c>--wipe-state</c>, truncates its derived state and
/// inbox, all in ONE Postgres transaction. Bumping each partition's generation is what tells a running consumer to seek;
/// a stopped one reads the new offsets when it starts. Outbox rows stay: re-emitted events have the same ids, so nothing
/// new reaches downstream services.
/// </summary>
internal sealed class ReplayCommand : Command
{
    /// <summary>Tables a wipe never touches: positions, migration history, and what was already decided to publish or reject.</summary>
    public static IReadOnlyList<string> KeptTables => MessagingTables.KeptOnReplay;

    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(3);
    private const string LockTimeout = "30s";

    private readonly Func<string, string?> _environment;
    private readonly ConnectionOptions _connection = new();
    private readonly Argument<string> _service = new("service")
    {
        Description = $"The service: {ServiceTarget.KnownNames} (another name needs --schema and --group)",
    };

    private readonly Option<bool> _toBeginning = new("--to-beginning") { Description = "Rewind to the first offset the log still has" };
    private readonly Option<long?> _toOffset = ConnectionOptions.WholeNumber<long>(
        "--to-offset", "Set every selected partition to this offset (kept within the log's watermarks)");

    private readonly Option<string?> _toTime = new("--to-time")
    {
        Description = "Rewind to the first record at or after this ISO 8601 time (broker, else the inbox)",
        HelpName = "time",
    };

    private readonly Option<bool> _wipeState = new("--wipe-state")
    {
        Description = "Also truncate the service's derived-state tables and inbox (needs --to-beginning and all partitions)",
    };

    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print the plan and change nothing" };

    private readonly Option<bool> _follow = new("--follow")
    {
        Description = "Then show the service's progress until it has re-consumed up to where the log ended (exit 1 if not within --follow-limit)",
    };

    private readonly Option<TimeSpan> _followLimit = new("--follow-limit")
    {
        Description = "How long --follow waits (default 00:10:00)",
        HelpName = "hh:mm:ss",
        DefaultValueFactory = _ => TimeSpan.FromMinutes(10),
    };
    private readonly Option<string?> _topic = new("--topic") { Description = "Only this topic", HelpName = "topic" };
    private readonly Option<int?> _partition = ConnectionOptions.WholeNumber<int>("--partition", "Only this partition");
    private readonly Option<string?> _schema = new("--schema") { Description = "Postgres schema instead of the service's own", HelpName = "schema" };
    private readonly Option<string?> _group = new("--group") { Description = "Consumer group instead of the service's own", HelpName = "group" };

    public ReplayCommand(Func<string, string?> environment)
        : base("replay", "Rewind a service's stored offsets (optionally wiping its derived state) so it re-consumes; safe while it runs.")
    {
        _environment = environment;
        Arguments.Add(_service);
        foreach (var option in new Option[] { _toBeginning, _toOffset, _toTime, _wipeState, _dryRun, _follow, _followLimit, _topic, _partition, _schema, _group })
        {
            Options.Add(option);
        }

        _connection.AddTo(this);
        SetAction(RunAsync);
    }

    private enum TargetKind
    {
        Beginning,
        Offset,
        Time,
    }

    private sealed record Request(TargetKind Kind, long Offset, DateTimeOffset Time, bool Wipe, bool DryRun, string? Topic, int? Partition)
    {
        public string Describe => Kind switch
        {
            TargetKind.Beginning => "to the beginning",
            TargetKind.Offset => $"to offset {Offset}",
            _ => $"to time {Time:O}",
        } + (Wipe ? ", wiping derived state" : "");
    }

    /// <summary>One partition's planned move; <see cref="NewOffset"/> null leaves it unchanged.</summary>
    private sealed record Move(StoredPosition Stored, long? NewOffset, string Source);

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var request = ReadRequest(parsed);
        var target = ServiceTarget.Resolve(
            parsed.GetValue(_service)!, parsed.GetValue(_schema), parsed.GetValue(_group), _connection.ResolveTopics(parsed, _environment));
        var settings = _connection.Resolve(parsed, _environment);

        await using var db = await Database.OpenAsync(settings, cancellationToken);
        if (!await db.ServiceSchemaExistsAsync(target.Schema, cancellationToken))
        {
            throw new CtlException(
                $"Service '{target.Name}' has never started: schema '{target.Schema}' does not exist in {db.Display}, so there is nothing to replay.");
        }

        var positions = (await db.PositionsAsync(target.Schema, target.Group, cancellationToken))
            .Where(p => (request.Topic is null || p.Topic == request.Topic) && (request.Partition is null || p.Partition == request.Partition))
            .ToList();
        if (positions.Count == 0)
        {
            var filter = request.Topic is null && request.Partition is null ? "" : " matching --topic/--partition";
            throw new CtlException(
                $"No stored offsets for consumer group '{target.Group}' in schema '{target.Schema}'{filter}: it has consumed nothing there " +
                "yet (and starts from the beginning anyway).");
        }

        await output.WriteLineAsync($"Replay of service '{target.Name}' {request.Describe}");
        await output.WriteLineAsync($"  Postgres {db.Display}, schema {target.Schema}, consumer group {target.Group}");
        using var broker = Broker.TryConnect(settings.BootstrapServers, BrokerTimeout);
        await output.WriteLineAsync(broker is null
            ? $"  Kafka broker at {settings.BootstrapServers} did not answer within {BrokerTimeout.TotalSeconds:0} s: targets are not checked against the log"
            : $"  Kafka broker at {settings.BootstrapServers} answered");

        var moves = new List<Move>();
        foreach (var position in positions)
        {
            moves.Add(await PlanAsync(request, position, broker, db, target, cancellationToken));
        }

        var tables = request.Wipe
            ? await db.CountRowsAsync(
                target.Schema, await db.TableNamesAsync(target.Schema, KeptTables, null, cancellationToken), null, cancellationToken)
            : [];
        await PrintPlanAsync(output, moves, tables, request.Wipe);

        if (request.DryRun)
        {
            await output.WriteLineAsync("Dry run: nothing was changed.");
            return 0;
        }

        if (moves.All(m => m.NewOffset is null))
        {
            await output.WriteLineAsync("Nothing to change.");
            return 0;
        }

        await ApplyAsync(db, target, moves, request.Wipe, output, cancellationToken);
        if (!parsed.GetValue(_follow))
        {
            return 0;
        }

        if (broker is null)
        {
            throw new CtlException("--follow needs the log's end offsets, but the Kafka broker did not answer; follow with processorctl status.");
        }

        var partitions = moves.Where(m => m.NewOffset is not null).Select(m => new ReplayProgress.Partition(
            m.Stored.Topic, m.Stored.Partition, m.NewOffset!.Value,
            broker.Watermarks(m.Stored.Topic, m.Stored.Partition)?.High ?? m.Stored.NextOffset)).ToList();
        var caughtUp = await new ReplayProgress(db, target, output).FollowAsync(partitions, parsed.GetValue(_followLimit), cancellationToken);
        return caughtUp ? 0 : 1;
    }

    private Request ReadRequest(ParseResult parsed)
    {
        var given = new[]
        {
            (Name: "--to-beginning", Given: parsed.GetValue(_toBeginning)),
            (Name: "--to-offset", Given: parsed.GetResult(_toOffset) is not null),
            (Name: "--to-time", Given: parsed.GetResult(_toTime) is not null),
        }.Where(t => t.Given).Select(t => t.Name).ToList();
        if (given.Count == 0)
        {
            throw new UsageException("No replay target: give one of --to-beginning, --to-offset <offset> or --to-time <time>.");
        }

        if (given.Count > 1)
        {
            throw new UsageException($"Conflicting replay targets {string.Join(" and ", given)}: give only one.");
        }

        var kind = given[0] switch
        {
            "--to-beginning" => TargetKind.Beginning,
            "--to-offset" => TargetKind.Offset,
            _ => TargetKind.Time,
        };
        var offset = parsed.GetValue(_toOffset) ?? 0;

        var time = DateTimeOffset.MinValue;
        if (kind == TargetKind.Time && !DateTimeOffset.TryParse(
                parsed.GetValue(_toTime), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            throw new UsageException($"--to-time expects an ISO 8601 time such as 2026-11-23T20:00:00Z, not '{parsed.GetValue(_toTime)}'.");
        }

        var (topic, partition, wipe) = (parsed.GetValue(_topic), parsed.GetValue(_partition), parsed.GetValue(_wipeState));

        if (wipe && kind != TargetKind.Beginning)
        {
            throw new UsageException(
                "--wipe-state rebuilds the state from scratch, so it needs --to-beginning (records before any other target would be lost).");
        }

        if (wipe && (topic is not null || partition is not null))
        {
            throw new UsageException("--wipe-state rebuilds the state from every partition: it cannot be limited with --topic or --partition.");
        }

        return new Request(kind, offset, time, wipe, parsed.GetValue(_dryRun), topic, partition);
    }

    private static async Task<Move> PlanAsync(
        Request request, StoredPosition stored, Broker? broker, Database db, ServiceTarget target, CancellationToken cancellationToken)
    {
        var watermarks = request.Kind == TargetKind.Time ? null : broker?.Watermarks(stored.Topic, stored.Partition);
        switch (request.Kind)
        {
            case TargetKind.Beginning:
                return watermarks is { } marks
                    ? new Move(stored, marks.Low, "beginning (low watermark)")
                    : new Move(stored, 0, "beginning (offset 0: no watermarks from the broker)");
            case TargetKind.Offset:
                var wanted = request.Offset;
                return watermarks switch
                {
                    null => new Move(stored, wanted, "as given (not checked: no watermarks from the broker)"),
                    var (low, _) when wanted < low => new Move(stored, low, $"{wanted} clamped to the low watermark {low}"),
                    var (_, high) when wanted > high => new Move(stored, high, $"{wanted} clamped to the end offset {high}"),
                    _ => new Move(stored, wanted, "as given (within the log)"),
                };
            default:
                if (broker?.OffsetForTime(stored.Topic, stored.Partition, request.Time) is { } fromBroker)
                {
                    return new Move(stored, fromBroker, "broker (OffsetsForTimes)");
                }

                var fromInbox = await db.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    $"""
                    SELECT min("offset") FROM {target.Schema}.inbox
                    WHERE consumer_group = @group AND topic = @topic AND partition = @partition AND message_time >= @time
                    """,
                    new { group = target.Group, topic = stored.Topic, partition = stored.Partition, time = request.Time.UtcDateTime },
                    cancellationToken: cancellationToken));
                return fromInbox is { } offset
                    ? new Move(stored, offset, "inbox (broker gave no offset for the time)")
                    : new Move(stored, null, "unchanged: no record at or after the time (broker and inbox)");
        }
    }

    private static async Task PrintPlanAsync(TextWriter output, List<Move> moves, IReadOnlyList<TableRows> tables, bool wipe)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync("Plan:");
        var plan = new TextTable("TOPIC", ">PARTITION", ">STORED", "", ">NEW", "GENERATION", "SOURCE");
        foreach (var move in moves)
        {
            var (stored, generation) = (move.Stored.NextOffset, move.Stored.Generation);
            plan.Add(
                move.Stored.Topic, move.Stored.Partition, stored, "->", move.NewOffset?.ToString(CultureInfo.InvariantCulture) ?? "(stays)",
                move.NewOffset is null ? $"{generation} (unchanged)" : $"{generation} -> {generation + 1}", move.Source);
        }

        plan.WriteTo(output, "  ");
        if (wipe)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Tables to truncate (derived state and inbox; kept: {string.Join(", ", KeptTables)}):");
            var table = new TextTable("TABLE", ">ROWS");
            foreach (var t in tables)
            {
                table.Add(t.Name, t.Rows);
            }

            table.WriteTo(output, "  ");
        }

        await output.WriteLineAsync();
    }

    private static async Task ApplyAsync(
        Database db, ServiceTarget target, List<Move> moves, bool wipe, TextWriter output, CancellationToken cancellationToken)
    {
        var (connection, schema) = (db.Connection, target.Schema);
        var selected = moves.Where(m => m.NewOffset is not null).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await Execute($"SET LOCAL lock_timeout = '{LockTimeout}'");

            // Rows first, in the consumer's order (topic, partition), then tables inbox first: the order a consumer's
            // transaction takes its locks in, so a running service and the replay wait for each other instead of deadlocking.
            var locked = (await connection.QueryAsync<StoredPosition>(new CommandDefinition(
                $"""
                SELECT topic, partition, next_offset AS nextoffset, generation FROM {schema}.consumer_offsets
                WHERE consumer_group = @group AND (topic, partition) IN (SELECT * FROM unnest(@topics::text[], @partitions::int[]))
                ORDER BY topic, partition FOR UPDATE
                """,
                new
                {
                    group = target.Group,
                    topics = selected.Select(m => m.Stored.Topic).ToArray(),
                    partitions = selected.Select(m => m.Stored.Partition).ToArray(),
                },
                transaction, cancellationToken: cancellationToken))).ToDictionary(p => (p.Topic, p.Partition));

            await output.WriteLineAsync($"Rewinding {selected.Count} partition(s):");
            foreach (var move in selected)
            {
                var (topic, partition) = (move.Stored.Topic, move.Stored.Partition);
                var current = locked.GetValueOrDefault((topic, partition))
                    ?? throw new CtlException($"The stored offset of {topic}[{partition}] disappeared meanwhile; nothing was changed.");
                await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE {schema}.consumer_offsets SET next_offset = @next, generation = generation + 1, updated_at = now()
                    WHERE consumer_group = @group AND topic = @topic AND partition = @partition
                    """,
                    new { next = move.NewOffset, group = target.Group, topic, partition }, transaction, cancellationToken: cancellationToken));
                await output.WriteLineAsync(
                    $"  {topic}[{partition}]: {current.NextOffset} -> {move.NewOffset} (generation {current.Generation} -> {current.Generation + 1})");
            }

            long truncatedRows = 0;
            var truncated = 0;
            if (wipe)
            {
                var names = await db.TableNamesAsync(schema, KeptTables, transaction, cancellationToken);
                if (names.Count > 0)
                {
                    var list = string.Join(", ", names.Select(n => $"{schema}.{TableRows.Quote(n)}"));
                    await Execute($"LOCK TABLE {list} IN ACCESS EXCLUSIVE MODE");
                    var tables = await db.CountRowsAsync(schema, names, transaction, cancellationToken);
                    await output.WriteLineAsync($"Truncating {tables.Count} table(s):");
                    // One statement, so foreign keys between state tables do not get in the way.
                    await Execute($"TRUNCATE TABLE {list}");
                    foreach (var table in tables)
                    {
                        await output.WriteLineAsync($"  truncated {table.Name} ({table.Rows} rows)");
                    }

                    (truncated, truncatedRows) = (tables.Count, tables.Sum(t => t.Rows));
                }
            }

            await transaction.CommitAsync(cancellationToken);
            await output.WriteLineAsync(
                $"Committed: {selected.Count} partition(s) rewound" + (wipe ? $", {truncated} table(s) truncated ({truncatedRows} rows)" : "") + ".");
            await output.WriteLineAsync(
                "The service re-consumes from the new offsets: a running consumer notices the new generation within about a second " +
                "and seeks; a stopped one starts there.");
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected)
        {
            throw new CtlException(
                $"Could not lock schema '{schema}' (waited up to {LockTimeout}): {ex.MessageText}. Nothing was changed; try again.", ex);
        }

        Task Execute(string sql) =>
            connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
    }
}
