using System.Diagnostics;
using System.Security.Cryptography;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Scanning;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Secp256k1;

namespace Processor.Benchmarks.Bitcoin;

/// <summary>The measured loops: the SHA-256d bounds over the block's bytes, and decode + txids + matching.</summary>
internal static class ScanPhases
{
    /// <summary>
    /// Runs the phases in turns of <paramref name="slice"/> each, <paramref name="turns"/> times, and returns each phase's
    /// runs per second over all its turns: interleaving finely makes load from other processes hit every phase alike, so
    /// their ratios hold even on a busy machine.
    /// </summary>
    public static Dictionary<string, double> MeasureInterleaved(IReadOnlyList<(string Name, Func<int> Once)> phases, TimeSpan slice, int turns)
    {
        var iterations = new long[phases.Count];
        var elapsed = new TimeSpan[phases.Count];
        var sink = 0;
        for (var turn = 0; turn < turns; turn++)
        {
            for (var p = 0; p < phases.Count; p++)
            {
                var watch = Stopwatch.StartNew();
                do
                {
                    sink ^= phases[p].Once();
                    iterations[p]++;
                }
                while (watch.Elapsed < slice);

                elapsed[p] += watch.Elapsed;
            }
        }

        GC.KeepAlive(sink);
        return phases.Select((phase, p) => (phase.Name, Rate: iterations[p] / elapsed[p].TotalSeconds)).ToDictionary(x => x.Name, x => x.Rate);
    }

    /// <summary>
    /// SHA-256d of every transaction's complete bytes and of the header: every byte of the block goes through SHA-256
    /// once, in the same per-transaction pieces txids are computed from.
    /// </summary>
    public static Func<int> DoubleSha256Bound(Block block) =>
        DoubleSha256Each([block.Serialized[..BlockHeader.Size], .. block.Transactions.Select(t => t.Serialized)]);

    /// <summary>SHA-256d of exactly the bytes the txids cover (each transaction without its witness data), prepared in advance.</summary>
    public static Func<int> DoubleSha256OfTxidBytes(Block block) => DoubleSha256Each([.. block.Transactions.Select(t => t.HasWitness
        ? Transaction.Create(t.Version, [.. t.Inputs.Select(i => i.WithWitness(Witness.Empty))], t.Outputs, t.LockTime).Serialized
        : t.Serialized)]);

    private static Func<int> DoubleSha256Each(ReadOnlyMemory<byte>[] pieces) => () =>
    {
        Span<byte> first = stackalloc byte[32];
        Span<byte> second = stackalloc byte[32];
        var sink = 0;
        foreach (var piece in pieces)
        {
            SHA256.HashData(piece.Span, first);
            SHA256.HashData(first, second);
            sink ^= second[0];
        }

        return sink;
    };

    /// <summary>Parse (which computes every txid) and, with a matcher, look every non-coinbase output up in it.</summary>
    public static Func<int> Scan(ReadOnlyMemory<byte> bytes, ScriptMatcher<WatchedAddress>? matcher) => () =>
    {
        var block = Block.Parse(bytes);
        var found = matcher is null ? 0 : BlockScanner.FindOutputs(block, matcher).Count;
        return found ^ block.Transactions[^1].Txid.GetHashCode();
    };

    /// <summary>
    /// The four addresses of each of <paramref name="keys"/> network keys, the x-only keys of the secrets
    /// SHA-256("scan-bench-key/" + i). Not of the secrets 1, 2, 3, ...: Serai's per-kind offsets are one constant plus
    /// an increment until even, so keys <c>i·G</c> and <c>(i+1)·G</c> would share a Branch or Change address.
    /// </summary>
    public static ScriptMatcher<WatchedAddress> Watch(int keys)
    {
        var matcher = new ScriptMatcher<WatchedAddress>();
        for (var i = 1; i <= keys; i++)
        {
            var secret = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes($"scan-bench-key/{i}"));
            var networkKey = Bip340.XOnlyPublicKey(secret);
            foreach (var kind in AddressKinds.All)
            {
                matcher.Add(AddressKinds.ScriptPubKey(networkKey, kind), new WatchedAddress(i, kind));
            }
        }

        return matcher;
    }
}

/// <summary>What a watched script belongs to: the index of its group key and its kind.</summary>
internal sealed record WatchedAddress(int Key, AddressKind Kind);
