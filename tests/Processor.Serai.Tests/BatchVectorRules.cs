namespace Processor.Serai.Tests;

/// <summary>
/// The instruction lists that <c>batches.json</c> describes in words instead of listing (its large Batches and splitting
/// cases), keyed by case name. Tests check each list against the counts and first/last encodings the vector gives.
/// </summary>
internal static class BatchVectorRules
{
    public static IReadOnlyList<InInstructionWithBalance> Instructions(string name) => name switch
    {
        "max_transfers_594" => [.. Transfers(594)],
        "exactly_25000" => [.. Transfers(594), Dex([0xab, 0xcd], 7)],
        "over_limit_595" => [.. Transfers(595)],
        "split_600_transfers" => [.. Transfers(600)],
        "split_boundary_exact" => [.. Transfers(594), Dex([0xab, 0xcd], 7), Dex([0xab, 0xcd, 0xef], 8)],
        "split_large_dex" => [.. Enumerable.Range(0, 50).Select(i => Dex(Filled(507, i), 10_000 + (ulong)i))],
        _ => throw new InvalidOperationException($"No instruction rule for {name}."),
    };

    /// <summary>"Instruction i (0-based): Transfer to SeraiAddress = 32 bytes each equal to (i mod 256), balance { Bitcoin, 1000 + i }."</summary>
    private static IEnumerable<InInstructionWithBalance> Transfers(int count) => Enumerable.Range(0, count).Select(i =>
        new InInstructionWithBalance(new InInstruction.Transfer(new SeraiAddress(Filled(32, i))), Bitcoin(1000 + (ulong)i)));

    private static InInstructionWithBalance Dex(byte[] data, ulong amount) => new(new InInstruction.Dex(new Data(data)), Bitcoin(amount));

    private static Balance Bitcoin(ulong amount) => new(Coin.Bitcoin, new Amount(amount));

    private static byte[] Filled(int length, int i) => Enumerable.Repeat((byte)(i % 256), length).ToArray();
}
