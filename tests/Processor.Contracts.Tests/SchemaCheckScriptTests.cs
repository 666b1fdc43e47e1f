using System.Diagnostics;
using Processor.Testing;

namespace Processor.Contracts.Tests;

public class SchemaCheckScriptTests
{
    // The first run installs buf from npm into .tools/; later runs take a few seconds.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task CheckSchemasScript_PassesOnTheRepositorySchemas()
    {
        var root = RepositoryPaths.Root;
        var startInfo = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(root, "scripts", "check-schemas.sh"));

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"scripts/check-schemas.sh did not finish within {Timeout}.");
        }

        var output = $"{await stdout}\n{await stderr}";
        Assert.True(process.ExitCode == 0, $"scripts/check-schemas.sh exited with {process.ExitCode}:\n{output}");
        Assert.Contains("lint passed", output, StringComparison.Ordinal);
    }
}
