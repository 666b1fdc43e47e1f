using System.Globalization;
using System.Runtime.InteropServices;

namespace Processor.Benchmarks;

/// <summary>What the figures were measured on: processors, CPU model, memory, OS and runtime.</summary>
internal sealed record MachineInfo(int Processors, string CpuModel, double MemoryGiB, string OperatingSystem, string Runtime)
{
    public static MachineInfo Read()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var memGiB = long.TryParse(memKb, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb / 1024.0 / 1024.0 : 0;
        var os = ReadOsRelease() ?? RuntimeInformation.OSDescription;
        return new MachineInfo(
            Environment.ProcessorCount, cpu, memGiB, os,
            $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Processors} logical CPUs (nproc), {CpuModel}, {MemoryGiB:0.0} GiB RAM, {OperatingSystem}, {Runtime}");

    private static string? ReadField(string file, string name)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (var line in File.ReadLines(file))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == name)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static string? ReadOsRelease()
    {
        const string file = "/etc/os-release";
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line?["PRETTY_NAME=".Length..].Trim('"');
    }
}
