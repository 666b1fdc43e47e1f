using System.Diagnostics;
using System.Text.Json;

namespace Processor.Benchmarks.Bitcoin;

/// <summary>
/// bitcoinjs-lib (npm), the JavaScript library the scan is compared with: installed into the repository's git-ignored
/// <c>.tools/bitcoinjs</c> on first use (its own prefix, so other tools' installs do not prune it), and run through
/// <c>bitcoinjs-scan.cjs</c> beside this file.
/// </summary>
internal sealed class BitcoinJsReference(string repositoryRoot)
{
    public const string Version = "7.0.5";

    private readonly string _prefix = Path.Combine(repositoryRoot, ".tools", "bitcoinjs");
    private readonly string _script = Path.Combine(repositoryRoot, "benchmarks", "Processor.Benchmarks", "Bitcoin", "bitcoinjs-scan.cjs");

    private string ModulesDirectory => Path.Combine(_prefix, "node_modules");

    /// <summary>Installs bitcoinjs-lib unless the pinned version is there.</summary>
    public void EnsureInstalled()
    {
        var package = Path.Combine(ModulesDirectory, "bitcoinjs-lib", "package.json");
        if (File.Exists(package)
            && JsonDocument.Parse(File.ReadAllText(package)).RootElement.GetProperty("version").GetString() == Version)
        {
            return;
        }

        Console.WriteLine($"  installing bitcoinjs-lib@{Version} into {_prefix} (npm)");
        Directory.CreateDirectory(_prefix);
        Run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", _prefix, $"bitcoinjs-lib@{Version}"]);
    }

    /// <summary>One measured run in a fresh Node process: blocks per second and the txids bitcoinjs-lib computed.</summary>
    public BitcoinJsRun Measure(string blockHexFile, double warmupSeconds, double measureSeconds)
    {
        var output = Run("node", [
            _script, ModulesDirectory, blockHexFile,
            warmupSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            measureSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        return new BitcoinJsRun(
            root.GetProperty("version").GetString()!,
            root.GetProperty("node").GetString()!,
            root.GetProperty("blocksPerSecond").GetDouble(),
            [.. root.GetProperty("txids").EnumerateArray().Select(t => t.GetString()!)]);
    }

    private static string Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
    }
}

/// <summary>What one bitcoinjs-lib run measured.</summary>
internal sealed record BitcoinJsRun(string Version, string NodeVersion, double BlocksPerSecond, IReadOnlyList<string> Txids);
