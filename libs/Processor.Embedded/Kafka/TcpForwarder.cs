using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Processor.Embedded.Kafka;

/// <summary>
/// Listens on one loopback port and relays every accepted connection, byte for byte, to a target port on loopback.
/// Nagle is off on both legs; each direction is an async receive/send loop with a pooled 64 KiB buffer. When either side
/// closes (or fails), both sockets are closed.
/// </summary>
internal sealed class TcpForwarder : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private const int Backlog = 512;

    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    private TcpForwarder(Socket listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        ListenPort = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port this forwarder listens on (useful when it was started with port 0).</summary>
    public int ListenPort { get; }

    /// <summary>Connections currently relayed.</summary>
    public int ActiveConnections => _connections.Count;

    /// <summary>Binds 127.0.0.1:<paramref name="listenPort"/> (0 = any free port) and starts relaying to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    /// <exception cref="InvalidOperationException">The port is already in use.</exception>
    public static TcpForwarder Start(int listenPort, int targetPort)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, listenPort));
            listener.Listen(Backlog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            throw new InvalidOperationException(
                $"Port 127.0.0.1:{listenPort} is already in use (is another embedded Kafka host running? " +
                "choose another base port, or 0 for free ports).", e);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new TcpForwarder(listener, new IPEndPoint(IPAddress.Loopback, targetPort));
    }

    private async Task AcceptLoopAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection that failed between SYN and accept (e.g. reset): keep accepting.
                continue;
            }

            _ = RelayAsync(client, stopping);
        }
    }

    private async Task RelayAsync(Socket client, CancellationToken stopping)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var connection = new Connection(client, upstream);
        _connections.TryAdd(connection, 0);
        try
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            await upstream.ConnectAsync(_target, stopping);

            var toUpstream = PumpAsync(client, upstream, stopping);
            var toClient = PumpAsync(upstream, client, stopping);
            await Task.WhenAny(toUpstream, toClient);
            connection.Close();
            await Task.WhenAll(toUpstream, toClient);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The target is gone, the peer reset, or the forwarder stops: closing both sides below is all there is to do.
        }
        finally
        {
            connection.Close();
            _connections.TryRemove(connection, out _);
        }
    }

    private static async Task PumpAsync(Socket source, Socket destination, CancellationToken stopping)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var received = await source.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, stopping);
                if (received == 0)
                {
                    return;
                }

                var sent = 0;
                while (sent < received)
                {
                    sent += await destination.SendAsync(buffer.AsMemory(sent, received - sent), SocketFlags.None, stopping);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side closed or reset, or the forwarder stops.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Stops listening and closes every relayed connection (both sides).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Dispose();
        foreach (var connection in _connections.Keys)
        {
            connection.Close();
        }

        // The accept loop ends promptly once the listener is closed; bounded wait in any case.
        _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        _stopping.Dispose();
    }

    private sealed class Connection(Socket client, Socket upstream)
    {
        private int _closed;

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            CloseSocket(client);
            CloseSocket(upstream);
        }

        private static void CloseSocket(Socket socket)
        {
            try
            {
                if (socket.Connected)
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already closed by the peer.
            }

            socket.Dispose();
        }
    }
}
