using System.Globalization;
using System.Reflection;

namespace Processor.Benchmarks.Cluster;

/// <summary>How the cluster benchmarks print their figures and the conditions they were measured in.</summary>
internal static class ClusterFigures
{
    /// <summary>Seconds with two decimals: <c>1.42 s</c>.</summary>
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>The 1, 5 and 15 minute load averages, from /proc/loadavg.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The build configuration of the services, which are built with this benchmark (Release through scripts/bench.sh).</summary>
    public static string Configuration() =>
        typeof(ClusterFigures).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";
}
