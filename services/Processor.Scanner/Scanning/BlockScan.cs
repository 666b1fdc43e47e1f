using Google.Protobuf;
using Processor.Contracts.Scanner.V1;
using Processor.Networks;
using Processor.Networks.Plugins;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Scanning;

/// <summary>What scanning one block found: the parts to publish and the rows to store with them.</summary>
public sealed record BlockScanResult(
    IReadOnlyList<ScannedBlockPart> Parts, IReadOnlyList<OutputRow> Outputs, IReadOnlyList<byte[]> CompletedPlans, IReadOnlyList<int> ActivatedSessions);

/// <summary>
/// Turns what the network plug-in found in one block into the scanner's rows and events (DESIGN.md §2.2): which keys are
/// active there, their outputs, and the plans completed. Deterministic: the same block and keys give the same result, and
/// one key's part of it does not depend on the other keys.
/// </summary>
public static class BlockScan
{
    /// <summary>Whether <paramref name="key"/>, not active yet, activates at <paramref name="block"/>.</summary>
    public static bool ActivatesAt(KeyRow key, ChainBlock block) =>
        key.ActivationHeight is null
        && (key.RequestedHeight is { } requested
            ? requested <= block.Height
            : block.MonotonicTime >= new DateTimeOffset(DateTime.SpecifyKind(key.ActivationTime, DateTimeKind.Utc)));

    /// <summary>The keys the main scan scans at <paramref name="block"/>: in step, and active before or from it on.</summary>
    public static IReadOnlyList<KeyRow> ActiveAt(ChainBlock block, IReadOnlyList<KeyRow> keys) =>
        keys.Where(k => k.IsInStep && (k.ActivationHeight is not null || ActivatesAt(k, block))).OrderBy(k => k.Session).ToList();

    /// <summary>
    /// The result of scanning <paramref name="block"/> for <paramref name="keys"/> (which the plug-in was given in this order)
    /// and <paramref name="open"/> eventualities. <paramref name="withBlockParts"/> is false for a catch-up scan of keys only.
    /// </summary>
    public static BlockScanResult Scan(
        NetworkParameters network,
        ChainBlock block,
        IReadOnlyList<KeyRow> keys,
        IReadOnlyList<ReceivedOutput> found,
        IReadOnlyList<OpenEventuality> open,
        IReadOnlyList<EventualityCompletion> completions,
        bool withBlockParts)
    {
        var rows = found.Select(o => ToRow(block.Height, keys[o.KeyIndex], o)).ToList();
        var activated = keys.Where(k => k.ActivationHeight == block.Height || ActivatesAt(k, block)).Select(k => k.Session).ToList();

        var completed = completions.Select(c => (Eventuality: open[c.EventualityIndex], c.TransactionId)).ToList();
        var parts = new List<ScannedBlockPart>();
        if (withBlockParts)
        {
            parts.AddRange(ScannedBlockParts.ForBlock(network, block, completed.Select(c => new CompletedEventuality
            {
                Session = (uint)c.Eventuality.Session,
                PlanId = ByteString.CopyFrom(c.Eventuality.PlanId),
                Txid = ByteString.CopyFrom(c.TransactionId),
            }).ToList()));
        }

        foreach (var key in keys)
        {
            parts.AddRange(ScannedBlockParts.ForKey(
                network, block, key, activated.Contains(key.Session), rows.Where(r => r.Session == key.Session).ToList()));
        }

        return new BlockScanResult(parts, rows, completed.Select(c => c.Eventuality.PlanId).ToList(), activated);
    }

    private static OutputRow ToRow(long height, KeyRow key, ReceivedOutput output) => new(
        output.Id.TransactionId, output.Id.Index, height, key.Session, (short)output.Kind.ToContract(), checked((long)output.Amount),
        output.LockingScript, output.Instruction, output.PresumedOrigin, output.SeraiCoin, output.SpendData);

}
