using System.Runtime.InteropServices;

namespace Processor.Devnet;

/// <summary>The one libc call the devnet needs: sending SIGTERM to a child by its PID.</summary>
internal static class NativeMethods
{
    public const int Sigterm = 15;

    /// <summary>kill(2) for a single process.</summary>
    /// <returns>True when the signal was sent; false when the process is gone (ESRCH) or another error occurred.</returns>
    public static bool SendSignal(int pid, int signal)
    {
        if (pid <= 0)
        {
            // 0 and negative values address process groups: never here.
            throw new ArgumentOutOfRangeException(nameof(pid), pid, "A single process id is required.");
        }

        return kill(pid, signal) == 0;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code, which this project does not allow; the signature is blittable.
#pragma warning disable CA5392 // libc is the system's C library.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
#pragma warning restore CA5392
#pragma warning restore SYSLIB1054
}
