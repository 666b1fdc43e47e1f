using System.Runtime.InteropServices;
using Processor.Devnet;

// Exit codes: 0 = stopped cleanly (with --exit-when-ready: all services were ready; with --exit-when-done: every step of the
// demo completed), 1 = could not start or the --exit-when-* condition failed, 2 = bad arguments.
if (DevnetArguments.Parse(args, out var exitCode) is not { } arguments)
{
    return exitCode;
}

// First Ctrl-C/SIGTERM: stop gracefully. Second: kill the services that are still stopping.
using var stopping = new CancellationTokenSource();
using var hurry = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    if (!stopping.IsCancellationRequested)
    {
        DevnetConsole.Info($"{context.Signal} received: stopping (again to kill the services at once)");
        stopping.Cancel();
    }
    else if (!hurry.IsCancellationRequested)
    {
        DevnetConsole.Info($"{context.Signal} received again: killing the services that are still running");
        hurry.Cancel();
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

return await new DevnetRunner(arguments).RunAsync(stopping.Token, hurry.Token);
