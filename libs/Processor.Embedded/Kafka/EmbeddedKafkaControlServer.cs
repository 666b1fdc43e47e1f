using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Processor.Embedded.Kafka;

/// <summary>One entry of <c>POST /topics</c>'s reply.</summary>
public sealed record EmbeddedTopicCreation(string Name, int Partitions, bool Created);

/// <summary>
/// A tiny HTTP API on 127.0.0.1 through which other processes create topics on an <see cref="EmbeddedKafkaCluster"/>
/// (the mock has no admin CreateTopics).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>GET /health</c> → 200 <c>{"status":"ok","bootstrapServers":"..."}</c>.</item>
/// <item><c>GET /topics</c> → 200 <c>[{"name":"...","partitions":N}]</c>: every topic the brokers know (Metadata).</item>
/// <item><c>POST /topics</c> with <c>[{"name":"...","partitions":N}]</c> → 200 <c>[{"name","partitions","created"}]</c>; existing
/// topics are left as they are (<c>created</c> false); 400 on malformed input; 500 when the mock refuses.</item>
/// </list>
/// Built on Kestrel with an empty host builder: no configuration files, environment variables or logging are read.
/// </remarks>
public sealed class EmbeddedKafkaControlServer : IAsyncDisposable, IDisposable
{
    /// <summary>The well-known control port of the local embedded mode.</summary>
    public const int DefaultPort = 29091;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private int _disposed;

    private EmbeddedKafkaControlServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. <c>http://127.0.0.1:29091/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The port the server listens on.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Starts serving <paramref name="cluster"/> on 127.0.0.1:<paramref name="port"/> (0 = a free port).</summary>
    /// <exception cref="InvalidOperationException">The port is in use.</exception>
    public static async Task<EmbeddedKafkaControlServer> StartAsync(
        EmbeddedKafkaCluster cluster, int port = DefaultPort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmbeddedKafkaControlServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();

        var app = builder.Build();
        app.MapGet("/health", context =>
            context.Response.WriteAsJsonAsync(new { status = "ok", bootstrapServers = cluster.BootstrapServers }, Json));
        app.MapGet("/topics", async context =>
        {
            var topics = await Task.Run(() => cluster.ListTopics(), context.RequestAborted);
            await context.Response.WriteAsJsonAsync(topics, Json, context.RequestAborted);
        });
        app.MapPost("/topics", context => CreateTopicsAsync(cluster, context));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException(
                $"The embedded Kafka control server could not listen on 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} " +
                "(is another embedded Kafka host running? choose another control port, or 0 for a free one).", e);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmbeddedKafkaControlServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    private static async Task CreateTopicsAsync(EmbeddedKafkaCluster cluster, HttpContext context)
    {
        EmbeddedTopic[]? requested;
        try
        {
            requested = await JsonSerializer.DeserializeAsync<EmbeddedTopic[]>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await BadRequestAsync(context, $"Expected a JSON array of {{\"name\":\"...\",\"partitions\":N}}: {e.Message}");
            return;
        }

        if (requested is null || requested.Any(t => t is null))
        {
            await BadRequestAsync(context, "Expected a JSON array of {\"name\":\"...\",\"partitions\":N}.");
            return;
        }

        foreach (var topic in requested)
        {
            try
            {
                EmbeddedKafkaCluster.ValidateTopicName(topic.Name);
            }
            catch (ArgumentException e)
            {
                await BadRequestAsync(context, e.Message);
                return;
            }

            if (topic.Partitions is < 1 or > 10_000)
            {
                await BadRequestAsync(context, $"Topic '{topic.Name}': partitions must be between 1 and 10000.");
                return;
            }
        }

        var results = new List<EmbeddedTopicCreation>(requested.Length);
        try
        {
            foreach (var topic in requested)
            {
                var created = cluster.CreateTopic(topic.Name, topic.Partitions);
                results.Add(new EmbeddedTopicCreation(topic.Name, topic.Partitions, created));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = e.Message }, Json, context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(results, Json, context.RequestAborted);
    }

    private static async Task BadRequestAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsJsonAsync(new { error = message }, Json, context.RequestAborted);
    }

    /// <summary>Stops the server (in-flight requests get up to 5 s).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
