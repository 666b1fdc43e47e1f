using System.Net.Sockets;
using System.Text.Json;

namespace Processor.Devnet;

/// <summary>One entry of a health report (<c>checks.&lt;name&gt;</c>).</summary>
internal sealed record HealthEntry(string Status, string? Description);

/// <summary>
/// What one health endpoint answered: <c>{"status":"Healthy","checks":{"postgres":{"status":..,"description":..},..}}</c>
/// (see <c>ServiceDefaultsExtensions.MapDefaultEndpoints</c>), or why it did not.
/// </summary>
internal sealed record HealthAnswer(int? HttpStatus, string? Status, IReadOnlyDictionary<string, HealthEntry> Checks, string? Error)
{
    public bool IsHealthy => HttpStatus == 200 && string.Equals(Status, "Healthy", StringComparison.Ordinal);

    public static HealthAnswer Unreachable(string error) => new(null, null, new Dictionary<string, HealthEntry>(), error);

    public HealthEntry? Check(string name) => Checks.TryGetValue(name, out var entry) ? entry : null;
}

/// <summary>Polls the services' <c>/health/live</c> and <c>/health/ready</c>.</summary>
internal sealed class HealthProbe : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<HealthAnswer> GetAsync(Uri baseUrl, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(baseUrl, path), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Parse((int)response.StatusCode, body);
        }
        catch (HttpRequestException e)
        {
            return HealthAnswer.Unreachable(e.InnerException is SocketException socket ? socket.Message : e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthAnswer.Unreachable($"no answer within {_http.Timeout.TotalSeconds:F0} s");
        }
    }

    /// <summary>
    /// Polls <c>/health/ready</c> until it answers Healthy, <paramref name="service"/> exits, or <paramref name="deadline"/> passes.
    /// </summary>
    /// <returns>The last answer.</returns>
    public async Task<HealthAnswer> WaitUntilReadyAsync(ServiceProcess service, DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await GetAsync(service.Url, "health/ready", cancellationToken);
            if (answer.IsHealthy || service.HasExited || DateTime.UtcNow + PollInterval > deadline)
            {
                return answer;
            }

            // Wakes up early when the service exits (or the devnet is stopped).
            await Task.WhenAny(Task.Delay(PollInterval, cancellationToken), service.Exited);
            if (cancellationToken.IsCancellationRequested)
            {
                return answer;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static HealthAnswer Parse(int httpStatus, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var checks = new Dictionary<string, HealthEntry>(StringComparer.Ordinal);
            if (root.TryGetProperty("checks", out var entries) && entries.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in entries.EnumerateObject())
                {
                    var entryStatus = entry.Value.TryGetProperty("status", out var es) && es.ValueKind == JsonValueKind.String
                        ? es.GetString() ?? "?"
                        : "?";
                    var description = entry.Value.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
                        ? d.GetString()
                        : null;
                    checks[entry.Name] = new HealthEntry(entryStatus, description);
                }
            }

            return new HealthAnswer(httpStatus, status, checks, null);
        }
        catch (JsonException)
        {
            var excerpt = body.Length > 200 ? body[..200] + "…" : body;
            return new HealthAnswer(
                httpStatus, null, new Dictionary<string, HealthEntry>(), $"HTTP {httpStatus}, not a health report: {excerpt}");
        }
    }
}
