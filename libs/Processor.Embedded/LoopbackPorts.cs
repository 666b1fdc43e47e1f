using System.Net;
using System.Net.Sockets;

namespace Processor.Embedded;

/// <summary>Free loopback ports, for servers that cannot bind port 0 themselves.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// A port that was free on 127.0.0.1 a moment ago (the OS picked it for a listener that is closed again). Another process may
    /// take it before the caller binds it; callers retry with a new port when binding fails.
    /// </summary>
    public static int GetFreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
