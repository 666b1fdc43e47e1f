using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Networks;
using Processor.Scanner.Storage;
using Output = Processor.Contracts.Scanner.V1.Output;
using OutputKind = Processor.Contracts.Common.V1.OutputKind;

namespace Processor.Scanner.Scanning;

/// <summary>A ScannedBlock part to publish, with the name its deterministic event id is derived from.</summary>
/// <param name="Name">Unique per (height, block id, key session or none, part), e.g. <c>block/7/ab…/key/1/part/0</c>.</param>
/// <param name="Event">The part.</param>
public sealed record ScannedBlockPart(string Name, ScannedBlock Event);

/// <summary>
/// Cuts what a block yielded into ScannedBlock parts of at most <see cref="MaxEventBytes"/> each. A block's own parts carry
/// its completed eventualities; a key's parts carry only that key's outputs and activation, so they are the same whether
/// the key was known when the block was first scanned or only in a catch-up scan later (a rebuild gives the same events).
/// </summary>
public static class ScannedBlockParts
{
    /// <summary>Largest encoded part: far below the broker's message limit (1 MiB by default), headers included.</summary>
    public const int MaxEventBytes = 256 * 1024;

    // Room for the fields of a list element's tag and length prefix.
    private const int ElementOverhead = 8;

    /// <summary>The block's own parts (at least one): its identity and the eventualities it completed.</summary>
    public static IReadOnlyList<ScannedBlockPart> ForBlock(NetworkParameters network, ChainBlock block, IReadOnlyList<CompletedEventuality> completed)
    {
        var chunks = Split(completed, c => c.CalculateSize(), MaxEventBytes - Identity(network, block).CalculateSize());
        return chunks.Select((chunk, part) =>
        {
            var scanned = Identity(network, block);
            scanned.CompletedEventualities.AddRange(chunk);
            scanned.Part = (uint)part;
            scanned.PartCount = (uint)chunks.Count;
            return new ScannedBlockPart(Name(block, $"part/{part}"), scanned);
        }).ToList();
    }

    /// <summary>
    /// The part that completes a plan registered after the scanner had passed <paramref name="block"/>, which holds its
    /// transaction: a block's own part of its own, named after the plan, so it is the same whenever it is found.
    /// </summary>
    public static ScannedBlockPart ForLateCompletion(NetworkParameters network, ChainBlock block, CompletedEventuality completed)
    {
        var scanned = Identity(network, block);
        scanned.CompletedEventualities.Add(completed);
        scanned.PartCount = 1;
        return new ScannedBlockPart(Name(block, $"completion/{Convert.ToHexStringLower(completed.PlanId.Span)}"), scanned);
    }

    /// <summary>
    /// One key's parts for a block: none when the key neither received outputs nor activated there; otherwise its outputs
    /// (ordered as given) spread over as few parts as the bound allows, the activation marker in the first.
    /// </summary>
    public static IReadOnlyList<ScannedBlockPart> ForKey(
        NetworkParameters network, ChainBlock block, KeyRow key, bool activatesHere, IReadOnlyList<OutputRow> outputs)
    {
        if (!activatesHere && outputs.Count == 0)
        {
            return [];
        }

        var marker = new KeyMarker
        {
            Session = (uint)key.Session,
            KeyPair = new KeyPair { SubstrateKey = ByteString.CopyFrom(key.SubstrateKey), NetworkKey = ByteString.CopyFrom(key.NetworkKey) },
        };
        var fixedSize = Identity(network, block).CalculateSize() + 2 * marker.CalculateSize() + 2 * ElementOverhead + 16;
        var chunks = Split(outputs.Select(ToMessage).ToList(), o => o.CalculateSize(), MaxEventBytes - fixedSize);
        return chunks.Select((chunk, part) =>
        {
            var scanned = Identity(network, block);
            scanned.KeySession = (uint)key.Session;
            scanned.Part = (uint)part;
            scanned.PartCount = (uint)chunks.Count;
            if (activatesHere && part == 0)
            {
                scanned.ActivatedKeys.Add(marker);
            }

            if (chunk.Count > 0)
            {
                var keyOutputs = new KeyOutputs { Session = (uint)key.Session, NetworkKey = ByteString.CopyFrom(key.NetworkKey) };
                keyOutputs.Outputs.AddRange(chunk);
                scanned.Outputs.Add(keyOutputs);
            }

            return new ScannedBlockPart(Name(block, $"key/{key.Session}/part/{part}"), scanned);
        }).ToList();
    }

    /// <summary>Consecutive runs of <paramref name="items"/> whose sizes add up to at most <paramref name="budget"/> (at least one run).</summary>
    private static List<List<T>> Split<T>(IReadOnlyList<T> items, Func<T, int> size, int budget)
    {
        var chunks = new List<List<T>> { new() };
        var used = 0;
        foreach (var item in items)
        {
            var cost = size(item) + ElementOverhead;
            if (used + cost > budget && chunks[^1].Count > 0)
            {
                chunks.Add([]);
                used = 0;
            }

            chunks[^1].Add(item);
            used += cost;
        }

        return chunks;
    }

    private static ScannedBlock Identity(NetworkParameters network, ChainBlock block) => new()
    {
        Network = (NetworkId)network.SeraiNetworkId,
        Height = (ulong)block.Height,
        Hash = ByteString.CopyFrom(block.Id),
        ParentHash = ByteString.CopyFrom(block.ParentId),
        Time = Timestamp.FromDateTimeOffset(block.Time),
        MedianTime = Timestamp.FromDateTimeOffset(block.MonotonicTime),
    };

    /// <summary>A part's name: the block, then what the part holds (<paramref name="tail"/>).</summary>
    private static string Name(ChainBlock block, string tail) =>
        string.Create(CultureInfo.InvariantCulture, $"block/{block.Height}/{Convert.ToHexStringLower(block.Id)}/{tail}");

    private static Output ToMessage(OutputRow row) => new()
    {
        Id = new OutputId { Txid = ByteString.CopyFrom(row.Txid), Vout = (uint)row.Vout },
        Kind = (OutputKind)row.Kind,
        Coin = (Coin)row.Coin,
        Amount = (ulong)row.Amount,
        Script = ByteString.CopyFrom(row.Script),
        Instruction = ByteString.CopyFrom(row.Instruction),
        Origin = ByteString.CopyFrom(row.Origin),
        SpendData = ByteString.CopyFrom(row.SpendData),
    };
}
