using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Processor.Hosting;

/// <summary>
/// The one wrapper around a process's <c>Program</c>: it turns how the program ended into the exit code operators and
/// orchestrators rely on, with one clear line on stderr instead of a crash dump.
/// </summary>
public static class ServiceProgram
{
    /// <summary>Exit code of a process that refused to start because of its configuration (the line names the setting).</summary>
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>Exit code of a process that failed: it could not reach its dependencies at start-up, or a loop crashed.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Builder options with the content root at the executable, so <c>appsettings.json</c> is found from any directory.</summary>
    public static WebApplicationOptions BuilderOptions(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    /// <summary>
    /// Runs <paramref name="program"/> (build the host, run it) and returns the exit code: 0 after a clean stop (or the
    /// code a crashed loop left in <see cref="Environment.ExitCode"/>), 2 for a configuration error, 1 for any other failure.
    /// </summary>
    public static async Task<int> RunAsync(string name, Func<Task> program)
    {
        ArgumentNullException.ThrowIfNull(program);
        try
        {
            await program();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"{name}: configuration error: {string.Join(" ", ex.Failures)}");
            return ConfigurationErrorExitCode;
        }
#pragma warning disable CA1031 // The last line of defence: whatever ended the program becomes one line and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The details are in the log above; stderr gets the one line an operator reads first.
            await Console.Error.WriteLineAsync($"{name}: failed to start: {ex.Message}");
            return FailureExitCode;
        }
    }
}
