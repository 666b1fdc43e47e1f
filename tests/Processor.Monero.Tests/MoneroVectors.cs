using Processor.Testing;

namespace Processor.Monero.Tests;

/// <summary>The Monero vectors in <c>../shared/vectors/monero/</c>.</summary>
internal static class MoneroVectors
{
    private static readonly Lazy<IReadOnlyList<CryptoCase>> CryptoCases = new(() =>
        File.ReadLines(RepositoryPaths.Vector("monero/crypto-tests-subset.txt"))
            .Select((line, index) => new CryptoCase(index + 1, line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(c => c.Fields.Length > 0)
            .ToList());

    /// <summary>The lines of Monero's <c>tests/crypto/tests.txt</c> subset for one operation, with their line numbers.</summary>
    public static IReadOnlyList<CryptoCase> CryptoLines(string operation)
    {
        var cases = CryptoCases.Value.Where(c => c.Fields[0] == operation).ToList();
        Assert.NotEmpty(cases);
        return cases;
    }

    /// <summary>
    /// Runs <paramref name="check"/> on every case and fails with every failing line (number and text), so one run shows
    /// them all. <paramref name="check"/> returns null when the case passes, or what went wrong.
    /// </summary>
    public static void AssertAll(IReadOnlyList<CryptoCase> cases, Func<string[], string?> check)
    {
        var failures = new List<string>();
        foreach (var c in cases)
        {
            string? failure;
            try
            {
                failure = check(c.Fields);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                failure = $"threw {e.GetType().Name}: {e.Message}";
            }

            if (failure is not null)
            {
                failures.Add($"line {c.LineNumber}: {string.Join(' ', c.Fields)[..Math.Min(200, string.Join(' ', c.Fields).Length)]} → {failure}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} failed:\n{string.Join('\n', failures.Take(20))}");
    }

    /// <summary>null when equal, else a description of the difference.</summary>
    public static string? Expect(string expected, string actual) =>
        string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase) ? null : $"expected {expected}, got {actual}";

    internal sealed record CryptoCase(int LineNumber, string[] Fields);
}
