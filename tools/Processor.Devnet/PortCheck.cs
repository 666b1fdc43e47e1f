using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Processor.Devnet;

/// <summary>A fixed loopback port the devnet needs, and what it is for.</summary>
internal sealed record RequiredPort(int Port, string Purpose);

/// <summary>Checks, before anything starts, that the devnet's fixed ports are free (so that it fails fast and says why).</summary>
internal static class PortCheck
{
    private const string TcpListenState = "0A";
    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>The first port of <paramref name="ports"/> that cannot be bound on 127.0.0.1, or null when all are free.</summary>
    /// <remarks>Binding uses the same socket options as the servers that will bind them later (the forwarders and Kestrel).</remarks>
    public static RequiredPort? FirstTaken(IEnumerable<RequiredPort> ports)
    {
        foreach (var port in ports)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port.Port));
                socket.Listen(1);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                return port;
            }
        }

        return null;
    }

    /// <summary>The error printed when <paramref name="port"/> is taken, naming the listening process when it can be found.</summary>
    public static string TakenMessage(RequiredPort port)
    {
        var holder = FindListener(port.Port) is { } pid ? $" It is held by pid {pid}{CommandLine(pid)}." : "";
        return $"port 127.0.0.1:{port.Port} ({port.Purpose}) is already in use: another devnet may be running " +
               $"(or tools/Processor.KafkaHost, or a service started by hand).{holder} Stop it (Ctrl-C in its terminal) and try again.";
    }

    /// <summary>
    /// Linux only, best effort: the pid of a process with a listening TCP socket on <paramref name="port"/>
    /// (<c>/proc/net/tcp*</c> gives the socket's inode, <c>/proc/&lt;pid&gt;/fd</c> its owner). Null when unknown.
    /// </summary>
    private static int? FindListener(int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var portHex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in TcpTables.Where(File.Exists))
            {
                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 9 && fields[1].EndsWith(portHex, StringComparison.Ordinal) && fields[3] == TcpListenState)
                    {
                        inodes.Add($"socket:[{fields[9]}]");
                    }
                }
            }

            if (inodes.Count == 0)
            {
                return null;
            }

            foreach (var processDirectory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(processDirectory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                try
                {
                    foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(processDirectory, "fd")))
                    {
                        if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                        {
                            return pid;
                        }
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Gone meanwhile, or not ours to look at.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc: no holder in the message.
        }

        return null;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ').Trim();
            return text.Length == 0 ? "" : $" ({(text.Length > 160 ? text[..160] + "…" : text)})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
