using System.Diagnostics;

namespace Processor.Testing;

/// <summary>
/// Cleanups of what a test process started for all its tests (a server, a node), run when the process exits. The test
/// runner gives a process little time to exit after its last test, so a slow cleanup is reported on stderr by name.
/// </summary>
public static class ExitCleanup
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);

    public static void Register(string what, Action cleanup)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var clock = Stopwatch.StartNew();
            cleanup();
            if (clock.Elapsed > Slow)
            {
                Console.Error.WriteLine($"[test infrastructure] stopping {what} took {clock.Elapsed.TotalSeconds:F1} s at exit");
            }
        };
    }
}
