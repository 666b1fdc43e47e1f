using System.Globalization;

namespace Processor.Benchmarks.Messaging;

/// <summary>
/// CPU time used so far (Linux <c>/proc</c>, clock ticks of 10 ms): by this process, by the processes of one Postgres server
/// (its postmaster and the postmaster's children), and by the whole machine, so a run can tell how much of the machine
/// something else took.
/// </summary>
internal sealed record CpuSnapshot(TimeSpan Process, IReadOnlyDictionary<int, TimeSpan> Postgres, TimeSpan Machine)
{
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(int postmasterPid)
    {
        var postgres = new Dictionary<int, TimeSpan>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat && (pid == postmasterPid || stat.ParentPid == postmasterPid))
            {
                postgres[pid] = stat.Cpu;
            }
        }

        return new CpuSnapshot(ThisProcess(), postgres, ReadMachineBusy());
    }

    /// <summary>CPU used since <paramref name="earlier"/> (Postgres backends that exited meanwhile are missed).</summary>
    public CpuUse Since(CpuSnapshot earlier)
    {
        var postgres = Postgres.Aggregate(
            TimeSpan.Zero, (sum, p) => sum + (p.Value - earlier.Postgres.GetValueOrDefault(p.Key, TimeSpan.Zero)));
        var process = Process - earlier.Process;
        var machine = Machine - earlier.Machine;
        var other = machine - process - postgres;
        return new CpuUse(process, postgres, other > TimeSpan.Zero ? other : TimeSpan.Zero);
    }

    /// <summary>The pid of the server whose data directory is <paramref name="dataDirectory"/> (first line of postmaster.pid).</summary>
    public static int PostmasterPid(string dataDirectory)
    {
        var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First();
        return int.Parse(first.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// CPU used so far by this process's living child processes whose command line contains <paramref name="commandLinePart"/>
    /// (e.g. a service's assembly name).
    /// </summary>
    public static TimeSpan ChildProcesses(string commandLinePart)
    {
        var total = TimeSpan.Zero;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat && stat.ParentPid == Environment.ProcessId && CommandLine(pid).Contains(commandLinePart, StringComparison.Ordinal))
            {
                total += stat.Cpu;
            }
        }

        return total;
    }

    /// <summary>CPU used so far by this process.</summary>
    public static TimeSpan ThisProcess() => ReadStat(Environment.ProcessId)?.Cpu ?? TimeSpan.Zero;

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static (int ParentPid, TimeSpan Cpu)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... utime(14) stime(15)": comm may hold spaces, so split after its closing parenthesis.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (parent, TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }

    // /proc/stat "cpu user nice system idle iowait irq softirq steal ...": busy = everything but idle and iowait.
    private static TimeSpan ReadMachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields.Take(8).Sum() - fields[3] - fields[4];
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}

/// <summary>CPU used over a span: this process, the benchmark's Postgres server, and everything else on the machine.</summary>
internal sealed record CpuUse(TimeSpan Process, TimeSpan Postgres, TimeSpan Other);

/// <summary>Waits for other processes to leave the machine (mostly) alone before a measured phase starts.</summary>
internal static class QuietMachine
{
    /// <summary>Cores other processes may use while the machine still counts as quiet.</summary>
    public const double Threshold = 0.25;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <returns>The cores other processes used in the last window; above <see cref="Threshold"/> when <paramref name="maxWait"/> ran out.</returns>
    public static double Wait(int postmasterPid, TimeSpan maxWait)
    {
        var deadline = DateTime.UtcNow + maxWait;
        var announced = false;
        while (true)
        {
            var before = CpuSnapshot.Take(postmasterPid);
            Thread.Sleep(Window);
            var other = CpuSnapshot.Take(postmasterPid).Since(before).Other.TotalSeconds / Window.TotalSeconds;
            if (other <= Threshold || DateTime.UtcNow >= deadline)
            {
                if (announced || other > Threshold)
                {
                    Console.WriteLine(string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"  other processes now use {other:0.00} cores{(other > Threshold ? "; measuring anyway (--quiet-wait ran out)" : "")}"));
                }

                return other;
            }

            if (!announced)
            {
                Console.WriteLine(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"  waiting for a quiet machine: other processes use {other:0.00} cores (up to {maxWait.TotalSeconds:0} s) ..."));
                announced = true;
            }
        }
    }
}
