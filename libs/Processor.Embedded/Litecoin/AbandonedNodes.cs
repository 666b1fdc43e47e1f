using System.Globalization;

namespace Processor.Embedded.Litecoin;

/// <summary>
/// Nodes left behind by test processes that were killed before disposing them: their litecoind (found by the pid file in
/// their own data directory) is killed and the directory deleted, once the owning test process is gone.
/// </summary>
internal static class AbandonedNodes
{
    public static void CleanUp(string root, string prefix, string ownerFile)
    {
        foreach (var directory in Directory.EnumerateDirectories(root, prefix + "*"))
        {
            if (OwnerIsAlive(Path.Combine(directory, ownerFile)))
            {
                continue;
            }

            KillNodeOf(directory);
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

    /// <summary>Kills the litecoind whose pid file is in <paramref name="directory"/>, if that pid is still litecoind on that directory.</summary>
    private static void KillNodeOf(string directory)
    {
        try
        {
            var pidFile = Path.Combine(directory, "regtest", "litecoind.pid");
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
