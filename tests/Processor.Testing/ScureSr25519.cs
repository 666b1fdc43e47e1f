using System.Diagnostics;
using System.Text.Json;

namespace Processor.Testing;

/// <summary>One signature for @scure/sr25519 to judge.</summary>
public sealed record Sr25519Case(string Name, byte[] PublicKey, byte[] Message, byte[] Signature);

/// <summary>
/// sr25519 verification by the npm package @scure/sr25519 (an implementation sharing no code with this repository), through
/// <c>scripts/sr25519-verify.sh</c>: one node process for all cases.
/// </summary>
public static class ScureSr25519
{
    // The first run installs @scure/sr25519 from npm into .tools/; later runs take about a second.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>@scure/sr25519's verdict for each case, by name (signing context "substrate").</summary>
    public static async Task<IReadOnlyDictionary<string, bool>> VerifyAsync(IReadOnlyList<Sr25519Case> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var casesFile = Path.Combine(Path.GetTempPath(), $"cluster-sr25519-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(casesFile, JsonSerializer.Serialize(cases.Select(c => new Dictionary<string, string>
        {
            ["name"] = c.Name,
            ["public_key_hex"] = Convert.ToHexStringLower(c.PublicKey),
            ["message_hex"] = Convert.ToHexStringLower(c.Message),
            ["signature_hex"] = Convert.ToHexStringLower(c.Signature),
        })), cancellationToken);
        try
        {
            var startInfo = new ProcessStartInfo("/bin/bash")
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "sr25519-verify.sh"));
            startInfo.ArgumentList.Add(casesFile);
            using var process = Process.Start(startInfo)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(Limit);
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"scripts/sr25519-verify.sh did not finish within {Limit.TotalMinutes:F0} min.");
            }

            var output = await stdout;
            return process.ExitCode == 0
                ? JsonSerializer.Deserialize<Dictionary<string, bool>>(output)!
                : throw new InvalidOperationException($"scripts/sr25519-verify.sh exited with {process.ExitCode}:\n{output}\n{await stderr}");
        }
        finally
        {
            File.Delete(casesFile);
        }
    }
}
