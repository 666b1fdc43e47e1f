using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Scanning;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Scanner.Storage;
using Output = Processor.Contracts.Scanner.V1.Output;

namespace Processor.Scanner.Scanning;

/// <summary>What scanning one finalized block found: the event to publish and the rows to store with it.</summary>
public sealed record BlockScanResult(
    ScannedBlock Event, IReadOnlyList<OutputRow> Outputs, IReadOnlyList<byte[]> CompletedPlans, IReadOnlyList<int> ActivatedSessions);

/// <summary>
/// Scans one finalized block (DESIGN.md §2.2): activates the keys whose time has come, finds the outputs paying any address
/// kind of an active key (dust left out; an External output takes its transaction's OP_RETURN instruction), and the
/// transactions of registered plans. Deterministic: the same block and state give the same result.
/// </summary>
public static class BlockScan
{
    public static BlockScanResult Scan(
        long height, Block block, DateTimeOffset medianTime, IReadOnlyList<KeyRow> keys, IReadOnlyList<OpenEventuality> eventualities,
        long dustThreshold)
    {
        var activated = keys
            .Where(k => k.ActivationHeight is null && (k.RequestedHeight is { } requested ? requested <= height : medianTime >= k.ActivationTime))
            .ToList();
        var active = keys.Where(k => k.ActivationHeight is not null).Concat(activated).OrderBy(k => k.Session).ToList();

        var scanned = new ScannedBlock
        {
            Network = NetworkId.Bitcoin,
            Height = (ulong)height,
            Hash = Bytes(block.Hash),
            ParentHash = Bytes(block.Header.PreviousBlockHash),
            Time = Timestamp.FromDateTimeOffset(block.Header.Timestamp),
            MedianTime = Timestamp.FromDateTimeOffset(medianTime),
        };
        scanned.ActivatedKeys.AddRange(activated.Select(k => new KeyMarker
        {
            Session = (uint)k.Session,
            KeyPair = new KeyPair { SubstrateKey = ByteString.CopyFrom(k.SubstrateKey), NetworkKey = ByteString.CopyFrom(k.NetworkKey) },
        }));

        var rows = FindOutputs(height, block, active, dustThreshold);
        foreach (var group in rows.GroupBy(r => r.Session).OrderBy(g => g.Key))
        {
            var key = active.Single(k => k.Session == group.Key);
            var keyOutputs = new KeyOutputs { Session = (uint)key.Session, NetworkKey = ByteString.CopyFrom(key.NetworkKey) };
            keyOutputs.Outputs.AddRange(group.Select(ToMessage));
            scanned.Outputs.Add(keyOutputs);
        }

        var completed = FindCompletions(block, eventualities);
        scanned.CompletedEventualities.AddRange(completed.Select(e => new CompletedEventuality
        {
            Session = (uint)e.Session,
            PlanId = ByteString.CopyFrom(e.PlanId),
            Txid = ByteString.CopyFrom(e.Txid),
        }));

        return new BlockScanResult(scanned, rows, completed.Select(e => e.PlanId).ToList(), activated.Select(k => k.Session).ToList());
    }

    /// <summary>Our outputs above dust, ordered by key, then txid bytes, then vout.</summary>
    private static List<OutputRow> FindOutputs(long height, Block block, List<KeyRow> active, long dustThreshold)
    {
        if (active.Count == 0)
        {
            return [];
        }

        var matcher = new ScriptMatcher<(KeyRow Key, AddressKind Kind)>();
        foreach (var key in active)
        {
            foreach (var kind in AddressKinds.All)
            {
                matcher.Add(AddressKinds.ScriptPubKey(key.NetworkKey, kind), (key, kind));
            }
        }

        var rows = new List<OutputRow>();
        foreach (var found in BlockScanner.FindOutputs(block, matcher))
        {
            var amount = found.Output.Value;
            if (amount < dustThreshold)
            {
                continue;
            }

            var (instruction, error) = found.Tag.Kind == AddressKind.External ? InstructionOf(found) : ([], InstructionError.Unspecified);
            rows.Add(new OutputRow(
                found.Transaction.Txid.ToArray(), found.OutputIndex, height, found.Tag.Key.Session, (short)ToKind(found.Tag.Kind), amount,
                found.Output.ScriptPubKey.ToArray(), instruction, (short)error));
        }

        return rows
            .OrderBy(r => r.Session)
            .ThenBy(r => r.Txid, ByteOrder.Instance)
            .ThenBy(r => r.Vout)
            .ToList();
    }

    private static (byte[] Instruction, InstructionError Error) InstructionOf<TTag>(ScannedOutput<TTag> found)
    {
        var instruction = ExternalInstruction.Find(found.Transaction);
        return instruction.Status switch
        {
            InstructionStatus.Found => (instruction.Data.ToArray(), InstructionError.Unspecified),
            InstructionStatus.TooLong => ([], InstructionError.TooLong),
            _ => ([], InstructionError.Unspecified),
        };
    }

    private static List<OpenEventuality> FindCompletions(Block block, IReadOnlyList<OpenEventuality> eventualities)
    {
        if (eventualities.Count == 0)
        {
            return [];
        }

        var txids = block.Transactions.Select(t => t.Txid).ToHashSet();
        return eventualities.Where(e => txids.Contains(new Hash256(e.Txid))).OrderBy(e => e.PlanId, ByteOrder.Instance).ToList();
    }

    private static Output ToMessage(OutputRow row) => new()
    {
        Id = new OutputId { Txid = ByteString.CopyFrom(row.Txid), Vout = (uint)row.Vout },
        Kind = (OutputKind)row.Kind,
        Coin = Coin.Bitcoin,
        Amount = (ulong)row.Amount,
        Script = ByteString.CopyFrom(row.Script),
        Instruction = ByteString.CopyFrom(row.Instruction),
        InstructionError = (InstructionError)row.InstructionError,
    };

    private static OutputKind ToKind(AddressKind kind) => kind switch
    {
        AddressKind.External => OutputKind.External,
        AddressKind.Branch => OutputKind.Branch,
        AddressKind.Change => OutputKind.Change,
        AddressKind.Forwarded => OutputKind.Forwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an address kind."),
    };

    private static ByteString Bytes(Hash256 hash) => ByteString.CopyFrom(hash.ToArray());

    /// <summary>Lexicographic order of byte strings (the order the contract promises for outputs).</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static ByteOrder Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
