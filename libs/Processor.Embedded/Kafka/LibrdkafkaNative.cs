using System.Reflection;
using System.Runtime.InteropServices;

namespace Processor.Embedded.Kafka;

/// <summary>
/// P/Invoke into the native librdkafka 2.16 shipped by the <c>librdkafka.redist</c> package (a dependency of Confluent.Kafka),
/// limited to what hosting its mock cluster needs.
/// </summary>
/// <remarks>
/// <para>
/// The plain <c>runtimes/linux-x64/native/librdkafka.so</c> does not load on Debian 12 (it needs <c>libsasl2.so.3</c>);
/// <c>centos8-librdkafka.so</c> from the same folder needs only glibc. Confluent.Kafka falls back to that file by itself,
/// and the resolver installed here probes the same names in the same order through the runtime's own probing
/// (the <c>deps.json</c> native folders), so the client and the mock share one copy of the library in the process.
/// Explicit paths (the application folder, the folder of Confluent.Kafka.dll, the NuGet cache) are the fallback.
/// </para>
/// <para>All functions are <c>cdecl</c>. Nothing here is thread-affine; the mock cluster runs its own thread.</para>
/// </remarks>
public static class LibrdkafkaNative
{
    private const string Library = "librdkafka";
    private const string RedistVersion = "2.16.0";

    private static readonly object Gate = new();
    private static IntPtr _handle;
    private static string? _loadedFrom;

    static LibrdkafkaNative() =>
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaNative).Assembly, Resolve);

    /// <summary>Where the native library was loaded from (a file path, or the probed name); null until first use.</summary>
    public static string? LoadedFrom
    {
        get
        {
            lock (Gate)
            {
                return _loadedFrom;
            }
        }
    }

    /// <summary>The version string of the loaded native library, e.g. "2.16.0". Loads it if needed.</summary>
    public static string VersionString => Marshal.PtrToStringUTF8(rd_kafka_version_str()) ?? "";

    /// <summary>The text librdkafka gives for an error code (<c>rd_kafka_err2str</c>).</summary>
    public static string ErrorText(int errorCode) => Marshal.PtrToStringUTF8(rd_kafka_err2str(errorCode)) ?? $"error {errorCode}";

    /// <summary>Loads the native library now (it is otherwise loaded on first call); throws a clear error when it cannot be found.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return;
            }
        }

        if (Resolve(Library, typeof(LibrdkafkaNative).Assembly, null) == IntPtr.Zero)
        {
            throw new DllNotFoundException(
                "Could not load librdkafka (tried librdkafka.so and centos8-librdkafka.so from the librdkafka.redist package: " +
                string.Join(", ", CandidatePaths()) + ").");
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != Library)
        {
            return IntPtr.Zero;
        }

        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return _handle;
            }

            // Same names, same order and same probing as Confluent.Kafka's own loader: one shared copy.
            foreach (var name in ProbedNames())
            {
                if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle))
                {
                    _handle = handle;
                    _loadedFrom = name;
                    return handle;
                }
            }

            foreach (var path in CandidatePaths())
            {
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
                {
                    _handle = handle;
                    _loadedFrom = path;
                    return handle;
                }
            }

            return IntPtr.Zero;
        }
    }

    private static string[] ProbedNames() =>
        OperatingSystem.IsLinux() ? [Library, "centos8-librdkafka"] : [Library];

    private static IEnumerable<string> CandidatePaths()
    {
        string[] files = OperatingSystem.IsWindows() ? ["librdkafka.dll"]
            : OperatingSystem.IsMacOS() ? ["librdkafka.dylib"]
            : ["librdkafka.so", "centos8-librdkafka.so"];
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var rid = $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";

        var roots = new List<string> { AppContext.BaseDirectory };
        var confluentDirectory = Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location);
        if (!string.IsNullOrEmpty(confluentDirectory))
        {
            roots.Add(confluentDirectory);
        }

        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(nugetRoot))
        {
            nugetRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        roots.Add(Path.Combine(nugetRoot, "librdkafka.redist", RedistVersion));

        foreach (var root in roots.Distinct(StringComparer.Ordinal))
        {
            foreach (var file in files)
            {
                yield return Path.Combine(root, "runtimes", rid, "native", file);
            }
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code, which this project does not allow; these signatures are blittable.
#pragma warning disable CA5392 // The resolver above decides where the library comes from.
    // ReSharper disable InconsistentNaming
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_version_str();

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_err2str(int err);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_conf_new();

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_conf_destroy(IntPtr conf);

    /// <returns>0 = RD_KAFKA_CONF_OK.</returns>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_conf_set(
        IntPtr conf,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        byte[] errstr,
        UIntPtr errstrSize);

    /// <summary>Takes ownership of <paramref name="conf"/> on success only.</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_destroy(IntPtr rk);

    /// <summary>Broker ids 1..N, each listening on 127.0.0.1 with a random port.</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    /// <summary>"127.0.0.1:p1,127.0.0.1:p2,..." (a pointer owned by the cluster).</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_topic_create(
        IntPtr mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitionCount, int replicationFactor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_topic_delete(IntPtr mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic);

    /// <summary>Without it the mock advertises controller 0, which does not exist, and admin calls hang for their timeout.</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_set_controller_id(IntPtr mcluster, int brokerId);

    /// <summary>Changes the advertised address only; the broker keeps listening on its random port.</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_broker_set_host_port(
        IntPtr mcluster, int brokerId, [MarshalAs(UnmanagedType.LPUTF8Str)] string host, int port);

    /// <summary>Initial rebalance delay of new classic groups (default 3000 ms).</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);

    /// <summary>Closes the broker's connections and refuses new ones (partition leadership does not move).</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    /// <summary>The next <paramref name="count"/> requests with this API key, to any broker, fail with these errors, in order.</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_push_request_errors_array(IntPtr mcluster, short apiKey, UIntPtr count, int[] errors);
    // ReSharper restore InconsistentNaming
#pragma warning restore CA5392
#pragma warning restore SYSLIB1054
}
