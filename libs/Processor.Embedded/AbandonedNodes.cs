using System.Globalization;

namespace Processor.Embedded;

/// <summary>
/// Nodes left behind by test processes that were killed before disposing them: their processes (found by the pid files in
/// their own data directory) are killed and the directory deleted, once the owning test process is gone.
/// </summary>
public static class AbandonedNodes
{
    /// <summary>
    /// Cleans up the directories <c>root/prefix*</c> whose <paramref name="ownerFile"/> names a process that is gone: kills every
    /// process named by a file matching <paramref name="pidFilePattern"/> (anywhere below the directory) that still runs on that
    /// directory, then deletes it.
    /// </summary>
    public static void CleanUp(string root, string prefix, string ownerFile, string pidFilePattern)
    {
        foreach (var directory in Directory.EnumerateDirectories(root, prefix + "*"))
        {
            if (OwnerIsAlive(Path.Combine(directory, ownerFile)))
            {
                continue;
            }

            try
            {
                foreach (var pidFile in Directory.EnumerateFiles(directory, pidFilePattern, SearchOption.AllDirectories))
                {
                    KillProcessOf(directory, pidFile);
                }
            }
            catch (IOException)
            {
                // Removed meanwhile by another process's clean-up.
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Still in use; the next run tries again.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool OwnerIsAlive(string ownerFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(ownerFile), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Directory.Exists($"/proc/{pid}");
        }
        catch (IOException)
        {
            // No owner file (yet): a node being created right now by another process; leave it alone.
            return true;
        }
    }

    /// <summary>Kills the process named in <paramref name="pidFile"/>, if that pid is still a process whose command line names <paramref name="directory"/>.</summary>
    private static void KillProcessOf(string directory, string pidFile)
    {
        try
        {
            if (!File.Exists(pidFile)
                || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return;
            }

            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            if (commandLine.Contains(directory, StringComparison.Ordinal))
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }
}
