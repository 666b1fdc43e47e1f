using System.Diagnostics;
using System.Text.Json;

namespace Processor.Devnet.Demo;

/// <summary>
/// A second opinion on an sr25519 signature from <c>scripts/sr25519-verify.sh</c> (the npm package @scure/sr25519), asked only
/// when it is cheap: node is installed and the script has installed the package before (the demo never downloads anything).
/// </summary>
internal static class IndependentSr25519
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The verdict; null when the check is not available here (or did not answer).</summary>
    public static async Task<bool?> VerifyAsync(byte[] publicKey, byte[] message, byte[] signature, CancellationToken cancellationToken)
    {
        if (RepositoryRoot() is not { } root
            || !File.Exists(Path.Combine(root, ".tools", "scure-sr25519", "node_modules", "@scure", "sr25519", "package.json")))
        {
            return null;
        }

        var cases = Path.Combine(Path.GetTempPath(), $"processor-devnet-sr25519-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(cases, JsonSerializer.Serialize(new[]
            {
                new Dictionary<string, string>
                {
                    ["name"] = "batch",
                    ["public_key_hex"] = Convert.ToHexStringLower(publicKey),
                    ["message_hex"] = Convert.ToHexStringLower(message),
                    ["signature_hex"] = Convert.ToHexStringLower(signature),
                },
            }), cancellationToken);
            var output = await RunAsync(root, cases, cancellationToken);
            return output is null ? null : JsonDocument.Parse(output).RootElement.GetProperty("batch").GetBoolean();
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(cases);
        }
    }

    private static async Task<string?> RunAsync(string root, string cases, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "sr25519-verify.sh"));
        start.ArgumentList.Add(cases);
        using var process = Process.Start(start)!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(bound.Token);
            var errors = process.StandardError.ReadToEndAsync(bound.Token);
            await process.WaitForExitAsync(bound.Token);
            await errors;
            return process.ExitCode == 0 ? await output : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill();
            return null;
        }
    }

    /// <summary>The repository the devnet was built from: the first folder above its binaries holding <c>processor.sln</c>.</summary>
    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "processor.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
