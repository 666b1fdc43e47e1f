using Processor.Crypto.Hashing;
using Processor.Testing;

namespace Processor.Monero.Tests.Crypto;

/// <summary>Monero's <c>tests/hash/tests-fast.txt</c>: Keccak-256 with the original padding (<c>cn_fast_hash</c>).</summary>
public sealed class Keccak256VectorTests
{
    [Fact]
    public void TestsFast_AllLinesMatch()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Vector("monero/keccak-tests-fast.txt"));
        var failures = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            var input = fields[1] == "x" ? [] : Convert.FromHexString(fields[1]);
            var actual = Convert.ToHexStringLower(Keccak256.Hash(input));
            if (actual != fields[0])
            {
                failures.Add($"line {i + 1} ({input.Length} bytes): expected {fields[0]}, got {actual}");
            }
        }

        Assert.True(lines.Length >= 321, $"only {lines.Length} lines");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void IncrementalParts_EqualOneShot()
    {
        var data = Enumerable.Range(0, 500).Select(i => (byte)i).ToArray();
        foreach (var split in new[] { 0, 1, 135, 136, 137, 272, 499, 500 })
        {
            var incremental = new Keccak256().Append(data.AsSpan(0, split)).Append(data.AsSpan(split)).Finish();
            Assert.Equal(Keccak256.Hash(data), incremental);
        }
    }

    [Fact]
    public void EmptyInput_IsKeccakNotFipsSha3() =>
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(Keccak256.Hash([])));
}
