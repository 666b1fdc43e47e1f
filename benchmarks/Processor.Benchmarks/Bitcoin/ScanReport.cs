using System.Globalization;
using System.Text;
using Processor.Bitcoin.Blocks;

namespace Processor.Benchmarks.Bitcoin;

/// <summary>The <c>Bitcoin block scan</c> section of docs/benchmarks.md: medians over the rounds.</summary>
internal sealed class ScanReport(
    Block block, string blockFile, MachineInfo machine, TimeSpan phaseTime, IReadOnlyList<int> keyCounts, IReadOnlyList<ScanRound> rounds)
{
    private const int TargetPercentAt100Keys = 50;

    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var js = rounds[0].BitcoinJs;
        var text = new StringBuilder();
        text.AppendLine(c, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `scripts/bench.sh scan` on {machine.Describe()}.");
        text.AppendLine();
        text.Append(c, $"Mainnet block 702861 (`{blockFile}`): {block.Transactions.Length:N0} transactions ");
        text.Append(c, $"({block.Transactions.Count(t => t.HasWitness):N0} segwit), {block.Size:N0} bytes, weight {block.Weight:N0}; parsed from memory, one thread. ");
        text.Append(c, $"{rounds.Count} rounds; in each, the C# phases take turns of 100 ms until each has run {phaseTime.TotalSeconds:0} s (so load from other processes hits them alike), then bitcoinjs-lib runs {phaseTime.TotalSeconds:0} s in a fresh Node process; the figures are medians over the rounds. ");
        text.AppendLine("Each watched key is a group key with its four addresses (External, Branch, Change, Forwarded: four P2TR scripts) in the hash set.");
        text.AppendLine();
        text.AppendLine("| Phase | Blocks/s | MB/s | Of the SHA-256d bound |");
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, "SHA-256d over every byte of the block (the bound)", "sha256d");
        Row(text, "SHA-256d over only the bytes txids cover (no witness data; prepared in advance)", "sha256d-txid-bytes");
        Row(text, "Decode + txids", "decode");
        foreach (var keys in keyCounts)
        {
            Row(text, $"Decode + txids + match outputs against {keys:N0} watched key{(keys == 1 ? "" : "s")} ({4 * keys:N0} scripts)", Key(keys));
        }

        var jsRate = Median(rounds.Select(r => r.BitcoinJs.BlocksPerSecond));
        text.Append(c, $"| bitcoinjs-lib {js.Version} (Node {js.NodeVersion}): `Block.fromBuffer` + `getId()` of every transaction | {jsRate:N1} | ");
        text.AppendLine(c, $"{jsRate * block.Size / 1e6:N1} | {Median(rounds.Select(r => 100 * r.BitcoinJs.BlocksPerSecond / r.Rates["sha256d"])):0} % |");
        text.AppendLine();

        var at100 = Median(rounds.Select(r => 100 * r.Rates[Key(100)] / r.Rates["sha256d"]));
        var speedup = Median(rounds.Select(r => r.Rates[Key(100)] / r.BitcoinJs.BlocksPerSecond));
        text.Append(c, $"Targets: at least {TargetPercentAt100Keys} % of the SHA-256d bound with 100 watched keys: **{Verdict(at100 >= TargetPercentAt100Keys)}** ({at100:0} %); ");
        text.AppendLine(c, $"faster than bitcoinjs-lib: **{Verdict(speedup > 1)}** ({speedup:0.0}× with 100 keys).");
        text.AppendLine();
        text.Append(c, $"Checked in every run: the block's hash, merkle root (recomputed from the txids) and witness commitment; bitcoinjs-lib's ");
        text.Append(c, $"{block.Transactions.Length:N0} txids equal ours. Other processes used {Median(rounds.Select(r => r.OtherCores)):0.00} cores ");
        text.AppendLine(c, $"(median; max {rounds.Max(r => r.OtherCores):0.00}) of the machine's {machine.Processors} while the C# phases ran.");
        text.AppendLine();
        text.AppendLine(
            "How: `Block.Parse` reads from one buffer without copying scripts or witnesses, and hashes each txid from the "
            + "non-witness slices of the original bytes (`SHA256.HashData`, two passes); matching looks each output's scriptPubKey "
            + "span up in a hash set of watched scripts (`ScriptMatcher`, no allocation per lookup). The bound hashes every byte, "
            + "witnesses too, while txids skip the witness data: so a scan of this segwit-heavy block can pass 100 % of it; the second "
            + "row is the bound for exactly the txid bytes.");
        return text.ToString();
    }

    private static string Key(int keys) => $"keys-{keys}";

    private static string Verdict(bool met) => met ? "met" : "not met";

    private void Row(StringBuilder text, string label, string phase)
    {
        var rate = Median(rounds.Select(r => r.Rates[phase]));
        var share = Median(rounds.Select(r => 100 * r.Rates[phase] / r.Rates["sha256d"]));
        text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {rate:N0} | {rate * block.Size / 1e6:N0} | {share:0} % |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
