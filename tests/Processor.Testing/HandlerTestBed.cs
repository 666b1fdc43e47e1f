using System.Text;
using Dapper;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Messaging.Consuming;
using Processor.Messaging.Envelopes;

namespace Processor.Testing;

/// <summary>An event a handler emitted, as its outbox row holds it, with the message decoded.</summary>
public sealed record EmittedEvent<TMessage>(Guid EventId, string Topic, string Key, string EventType, TMessage Message);

/// <summary>
/// In-process handler tests: a service registered as its Program registers it, on a fresh schema of the test Postgres
/// server with the messaging tables and the service's migrations applied. Each delivery runs the service's handler in
/// one transaction through <see cref="InProcessHandlerRunner"/> and commits it (or rolls it back when the handler throws
/// or parks); the test then reads the emitted events and queries the schema. No broker and no hosted service run.
/// </summary>
public sealed class HandlerTestBed : IAsyncDisposable
{
    /// <summary>The topic deliveries come from unless a test names one.</summary>
    public const string InputTopic = "test.handler.input";

    private readonly Func<string, IHost> _build;
    private IHost _host;
    private InProcessHandlerRunner _runner;

    private HandlerTestBed(Func<string, IHost> build, string schema, CapturedLogs logs)
    {
        _build = build;
        Logs = logs;
        _host = build(schema);
        Schema = schema;
        _runner = InProcessHandlerRunner.From(_host.Services);
    }

    /// <summary>The service's schema (fresh for this bed, dropped on dispose).</summary>
    public string Schema { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Every line the service logged (at every level, across restarts).</summary>
    public CapturedLogs Logs { get; }

    /// <summary>
    /// Registers the service with <paramref name="addService"/> (e.g. <c>b =&gt; b.AddScanner()</c>) on a configuration of
    /// the test Postgres server, a fresh schema, and <paramref name="settings"/> (what the service's options require), then
    /// migrates the schema.
    /// </summary>
    public static async Task<HandlerTestBed> StartAsync(
        Action<IHostApplicationBuilder> addService, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addService);
        var logs = new CapturedLogs();
        var bed = new HandlerTestBed(
            schema =>
            {
                var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"ConnectionStrings:{MessagingHostingExtensions.PostgresConnectionName}"] = PostgresServer.ConnectionString,
                    ["Messaging:Schema"] = schema,
                });
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
                addService(builder);
                return builder.Build();
            },
            PostgresServer.CreateSchemaName("handlers"),
            logs);
        await bed._runner.MigrateAsync(cancellationToken);
        return bed;
    }

    /// <summary>
    /// Registers the service again on the same schema, as its process does after a restart: new instances of everything,
    /// nothing kept in memory, the database as it is.
    /// </summary>
    public void Restart()
    {
        _host.Dispose();
        _host = _build(Schema);
        _runner = InProcessHandlerRunner.From(_host.Services);
    }

    /// <summary>Delivers <paramref name="message"/> as a new event (or as <paramref name="eventId"/>, to redeliver one) and commits.</summary>
    public Task<HandlerInvocation> DeliverAsync(IMessage message, CancellationToken cancellationToken, Guid? eventId = null) =>
        DeliverAsync([new OutgoingEvent(eventId ?? EventIds.NewFact(), InputTopic, "test", message)], cancellationToken);

    /// <summary>Delivers consecutive events of one type in one transaction (a batch handler gets them in one call).</summary>
    public async Task<HandlerInvocation> DeliverAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var invocation = await _runner.DeliverAsync(transaction, events, cancellationToken);
        if (invocation.ParkReason is null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return invocation;
    }

    /// <summary>The events <paramref name="invocation"/> appended to the outbox, their messages decoded with <paramref name="parser"/>.</summary>
    public static IReadOnlyList<EmittedEvent<TMessage>> Emitted<TMessage>(HandlerInvocation invocation, MessageParser<TMessage> parser)
        where TMessage : IMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(parser);
        return [.. invocation.Emitted.Select(row => new EmittedEvent<TMessage>(
            row.EventId, row.Topic, Encoding.UTF8.GetString(row.Key ?? []), row.EventType, parser.ParseFrom(row.Payload)))];
    }

    /// <summary>A connection to the test server, for queries of <see cref="Schema"/>.</summary>
    public static async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = await OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }

        _host.Dispose();
    }
}
