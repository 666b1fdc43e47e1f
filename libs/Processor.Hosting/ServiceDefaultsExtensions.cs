using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using Processor.Hosting;
using Processor.Hosting.Failures;
using Processor.Hosting.Periodic;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every processor process has, a service or a tool: options, health endpoints (with every periodic task), the
/// transient-failure classifier, telemetry and a bounded shutdown. Messaging, storage and a service's own parts are added
/// by their own <c>Add…</c> methods and register their own health checks and telemetry.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds the service defaults. The health endpoints listen on <paramref name="defaultPort"/> on loopback unless
    /// <c>Urls</c> (or ASPNETCORE_URLS) says otherwise.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, int defaultPort)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{defaultPort}");
        }

        builder.Services.AddOptions<ProcessorOptions>()
            .BindConfiguration(ProcessorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTransientFailureRule<NetworkTransientFailureRule>();

        builder.Services.AddHealthChecks()
            .AddTypeActivatedCheck<PeriodicTaskHealthCheck>("periodic-tasks", null, [HealthTags.Live], PeriodicTaskHealthView.Liveness)
            .AddTypeActivatedCheck<PeriodicTaskHealthCheck>("periodic-tasks-ready", null, [HealthTags.Ready], PeriodicTaskHealthView.Readiness);

        var telemetry = builder.Services.AddOpenTelemetry();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps <c>/health/live</c> (the process and its loops) and <c>/health/ready</c> (its dependencies and tasks too).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Live),
            ResponseWriter = WriteReport,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = _ => true,
            ResponseWriter = WriteReport,
        });
        return app;
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
