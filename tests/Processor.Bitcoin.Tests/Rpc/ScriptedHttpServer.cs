using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Processor.Bitcoin.Tests.Rpc;

/// <summary>What the scripted server does with one request.</summary>
internal abstract record Reply
{
    /// <summary>An HTTP answer with this status and body.</summary>
    public sealed record Http(int Status, string Body) : Reply;

    /// <summary>Bytes that are not HTTP at all.</summary>
    public sealed record RawBytes(byte[] Bytes) : Reply;

    /// <summary>No answer; the connection stays open until the server is disposed.</summary>
    public sealed record Silence : Reply;

    /// <summary>A JSON-RPC success.</summary>
    public static Reply Result(string json) => new Http(200, $$"""{"result":{{json}},"error":null,"id":1}""");

    /// <summary>A JSON-RPC error, with the HTTP status bitcoind uses for errors.</summary>
    public static Reply Error(int code, string message) =>
        new Http(500, string.Create(CultureInfo.InvariantCulture, $$"""{"result":null,"error":{"code":{{code}},"message":"{{message}}"},"id":1}"""));
}

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 that answers requests with a script of replies (the last one repeats), to make a
/// node client meet garbage, server errors and silence. It is not a node: it knows nothing of the calls it answers.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Reply[] _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _requests;

    private ScriptedHttpServer(Reply[] script)
    {
        _script = script;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public Uri Url => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/"));

    /// <summary>Requests received so far (each one a separate attempt of the client).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static ScriptedHttpServer Start(params Reply[] script) =>
        script.Length > 0 ? new ScriptedHttpServer(script) : throw new ArgumentException("A script needs at least one reply.", nameof(script));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            if (!await ReadRequestAsync(stream))
            {
                return;
            }

            var index = Interlocked.Increment(ref _requests) - 1;
            switch (_script[Math.Min(index, _script.Length - 1)])
            {
                case Reply.Http http:
                    var body = Encoding.UTF8.GetBytes(http.Body);
                    var head = string.Create(CultureInfo.InvariantCulture,
                        $"HTTP/1.1 {http.Status} Scripted\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                    break;
                case Reply.RawBytes raw:
                    await stream.WriteAsync(raw.Bytes, _stop.Token);
                    break;
                case Reply.Silence:
                    await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    break;
            }
        }
    }

    /// <summary>Reads one request (headers and a Content-Length body); false if the client went away first.</summary>
    private async Task<bool> ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int? total = null;
        while (total is null || received.Count < total)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return false;
            }

            received.AddRange(buffer.AsSpan(0, read));
            if (total is null)
            {
                var text = Encoding.ASCII.GetString(received.ToArray());
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    var length = text[..end].Split("\r\n")
                        .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture))
                        .FirstOrDefault();
                    total = end + 4 + length;
                }
            }
        }

        return true;
    }
}
