using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Processor.Messaging.Provisioning;

/// <summary>
/// Creates topics on the embedded broker (librdkafka's mock cluster, which has no admin API) by posting them to the control API
/// of the process hosting it (<c>POST {baseAddress}topics</c> with <c>[{"name":"...","partitions":N}]</c>; see
/// <c>Processor.Embedded.Kafka.EmbeddedKafkaControlServer</c> and <c>tools/Processor.KafkaHost</c>).
/// Existing topics are left as they are.
/// </summary>
/// <remarks>
/// While the host is still starting (connection refused, timeouts, 5xx) the request is retried with a growing delay, for at most
/// <c>startupTimeout</c> (default 30 s); then it fails with an error naming the URL.
/// </remarks>
public sealed class EmbeddedBrokerTopicProvisioner : ITopicProvisioner
{
    /// <summary>The control address of the local embedded mode (<c>tools/Processor.KafkaHost</c> default).</summary>
    public static readonly Uri DefaultControlAddress = new("http://127.0.0.1:29091/");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(15) });

    private readonly Uri _topicsUri;
    private readonly HttpClient _http;
    private readonly TimeSpan _startupTimeout;

    /// <param name="controlAddress">Base address of the control API, e.g. <c>http://127.0.0.1:29091/</c>.</param>
    /// <param name="httpClient">Client to use (not disposed here); null = a shared one.</param>
    /// <param name="startupTimeout">How long to keep retrying while the host is not reachable yet (default 30 s).</param>
    public EmbeddedBrokerTopicProvisioner(Uri controlAddress, HttpClient? httpClient = null, TimeSpan? startupTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(controlAddress);
        if (!controlAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The control address must be absolute, e.g. http://127.0.0.1:29091/.", nameof(controlAddress));
        }

        var baseAddress = controlAddress.AbsoluteUri.EndsWith('/') ? controlAddress : new Uri(controlAddress.AbsoluteUri + "/");
        _topicsUri = new Uri(baseAddress, "topics");
        _http = httpClient ?? SharedClient.Value;
        _startupTimeout = startupTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <inheritdoc />
    public async Task EnsureTopicsAsync(IReadOnlyCollection<TopicSpec> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            return;
        }

        var deadline = DateTime.UtcNow + _startupTimeout;
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            string? transientFailure;
            try
            {
                using var response = await _http.PostAsJsonAsync(_topicsUri, topics, Json, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException(
                        $"The embedded broker host at {_topicsUri} refused the topics ({(int)response.StatusCode} {response.ReasonPhrase}): {body}");
                }

                transientFailure = $"{(int)response.StatusCode} {response.ReasonPhrase}: {body}";
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException || e.StatusCode is null)
            {
                transientFailure = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout.
                transientFailure = e.Message;
            }

            if (DateTime.UtcNow + delay > deadline)
            {
                throw new InvalidOperationException(
                    $"Could not create topics through the embedded broker host at {_topicsUri} after {attempt} attempts " +
                    $"within {_startupTimeout}: {transientFailure}. Is the host (tools/Processor.KafkaHost) running?");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
        }
    }
}
