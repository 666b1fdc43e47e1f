using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Monero.Sending;

/// <summary>
/// Serai's decoy selection: ages drawn from exp(Gamma(19.28, 1/1.61)) seconds (wallet2's distribution), shifted by the
/// 10-block lock, turned into an output index with the chain's outputs per second over the last year, and checked
/// against the chain (a valid torsion-free key, unlocked and at least 10 blocks deep at the reference height). All draws
/// come from one <see cref="ChaCha20Rng"/> of the seed, so signers with the same seed and reference height pick the
/// same rings. The real output's position is where its global index sorts among the decoys.
/// </summary>
public static class DecoySelector
{
    /// <summary>Monero's ring size since hard fork 15.</summary>
    public const int RingSize = 16;

    /// <summary>A ring member must be this many blocks deep (CRYPTONOTE_DEFAULT_TX_SPENDABLE_AGE).</summary>
    public const int SpendableAge = 10;

    private const int BlockTime = 120;
    private const int BlocksPerYear = 365 * 24 * 60 * 60 / BlockTime;
    private const int RecentWindow = 15;
    private const ulong Maturity = 60;
    private const double TipApplication = SpendableAge * BlockTime;
    private const double GammaShape = 19.28;
    private const double GammaScale = 1 / 1.61;
    private const ulong UnlockTimeIsHeightBelow = 500_000_000;

    // wallet2's sanity rule (median member in the newest 40 %) is only applied once the chain has this many outputs.
    private const ulong MedianRuleFromOutputs = 500;

    // Draws per missing decoy before giving up; young chains reject most draws (ages beyond the chain's start).
    private const int DrawsPerDecoy = 1_000;

    /// <summary>
    /// One ring per input, in the inputs' order, from the outputs of blocks 0 to <paramref name="height"/> (the reference
    /// block, which the node must have).
    /// </summary>
    /// <exception cref="DecoySelectionException">The chain has too few usable outputs for the rings.</exception>
    public static async Task<IReadOnlyList<Ring>> SelectAsync(
        IDecoySource source, ReadOnlyMemory<byte> seed, long height, IReadOnlyList<SpendableOutput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("Decoys are selected for at least one input.", nameof(inputs));
        }

        if (inputs.Select(i => i.GlobalIndex).Distinct().Count() != inputs.Count)
        {
            throw new ArgumentException("Two inputs spend the same output.", nameof(inputs));
        }

        var counts = await source.GetCumulativeOutputCountsAsync(height, cancellationToken);
        var selection = new Selection(source, new ChaCha20Rng(seed.Span), counts, height, cancellationToken);
        var needed = (ulong)(inputs.Count * RingSize);
        if (selection.High < Maturity || selection.High - Maturity < needed)
        {
            throw new DecoySelectionException(
                $"Not enough decoy candidates: the chain has {selection.High} outputs up to height {height}; {inputs.Count} ring(s) of {RingSize} need more than {needed + Maturity}.");
        }

        foreach (var input in inputs)
        {
            selection.Used.Add(input.GlobalIndex);
        }

        var decoys = await selection.SelectAsync(inputs, inputs.Count * (RingSize - 1));
        var rings = new List<Ring>(inputs.Count);
        foreach (var input in inputs)
        {
            var real = new KeyValuePair<ulong, RingMember>(input.GlobalIndex, new RingMember(input.Key, input.Commitment));
            var ring = decoys.GetRange(decoys.Count - (RingSize - 1), RingSize - 1);
            decoys.RemoveRange(decoys.Count - (RingSize - 1), RingSize - 1);
            ring.Add(real);
            ring.Sort((a, b) => a.Key.CompareTo(b.Key));
            ring = await selection.MoveMedianUpAsync(ring, real);
            rings.Add(new Ring([.. ring.Select(m => m.Key)], [.. ring.Select(m => m.Value)], ring.FindIndex(m => m.Key == input.GlobalIndex)));
        }

        return rings;
    }

    private sealed class Selection(IDecoySource source, ChaCha20Rng random, IReadOnlyList<ulong> counts, long height, CancellationToken cancellationToken)
    {
        public ulong High { get; } = counts[^1];

        public HashSet<ulong> Used { get; } = [];

        private double OutputsPerSecond
        {
            get
            {
                var blocks = Math.Min(counts.Count, BlocksPerYear);
                var outputs = High - counts[Math.Max(0, counts.Count - blocks - 1)];
                return outputs / (double)(blocks * BlockTime);
            }
        }

        /// <summary>
        /// <paramref name="count"/> usable decoys. The first request to the chain includes the real spends, so the node
        /// cannot tell them apart from the decoys it is asked about.
        /// </summary>
        public async Task<List<KeyValuePair<ulong, RingMember>>> SelectAsync(IReadOnlyList<SpendableOutput> real, int count)
        {
            var confirmed = new List<KeyValuePair<ulong, RingMember>>(count);
            var draws = 0;
            var perSecond = OutputsPerSecond;
            while (confirmed.Count < count)
            {
                var candidates = new List<ulong>();
                while (candidates.Count < count - confirmed.Count)
                {
                    if (++draws > DrawsPerDecoy * count)
                    {
                        throw new DecoySelectionException(
                            $"Only {confirmed.Count + candidates.Count} of {count} decoys found among the {High} outputs up to height {height} after {draws - 1} draws.");
                    }

                    if (Draw(perSecond) is { } candidate && Used.Add(candidate))
                    {
                        candidates.Add(candidate);
                    }
                }

                var asked = confirmed.Count == 0 ? candidates.Concat(real.Select(r => r.GlobalIndex)).Order().ToList() : candidates;
                var realIndices = real.Select(r => r.GlobalIndex).ToHashSet();
                foreach (var output in await source.GetOutputsAsync(asked, cancellationToken))
                {
                    if (!realIndices.Contains(output.GlobalIndex) && Usable(output) is { } member)
                    {
                        confirmed.Add(new(output.GlobalIndex, member));
                    }
                }
            }

            return confirmed;
        }

        /// <summary>
        /// wallet2 refuses (as a sanity check) rings whose median member is older than the newest 40 % of outputs; while
        /// that is so, the lower half is replaced by new draws (the real spend stays).
        /// </summary>
        public async Task<List<KeyValuePair<ulong, RingMember>>> MoveMedianUpAsync(List<KeyValuePair<ulong, RingMember>> ring, KeyValuePair<ulong, RingMember> real)
        {
            if (High <= MedianRuleFromOutputs)
            {
                return ring;
            }

            var targetMedian = High * 3 / 5;
            while (ring[RingSize / 2].Key < targetMedian)
            {
                var removed = ring.GetRange(0, RingSize / 2);
                ring.RemoveRange(0, RingSize / 2);
                foreach (var member in removed)
                {
                    if (member.Key == real.Key)
                    {
                        ring.Add(real);
                    }
                    else
                    {
                        Used.Remove(member.Key);
                    }
                }

                ring.AddRange(await SelectAsync([], RingSize - ring.Count));
                ring.Sort((a, b) => a.Key.CompareTo(b.Key));
            }

            return ring;
        }

        private ulong? Draw(double perSecond)
        {
            var age = Math.Exp(GammaSampler.Sample(random, GammaShape, GammaScale));
            age = age > TipApplication ? age - TipApplication : random.NextUInt64() % (RecentWindow * BlockTime);
            var fromNewest = age * perSecond;
            if (fromNewest >= High)
            {
                return null;
            }

            // The block holding the output that many outputs before the newest, then a uniform output of that block.
            var target = High - 1 - (ulong)fromNewest;
            var block = PartitionPoint(target);
            var before = block == 0 ? 0 : counts[block - 1];
            var inBlock = counts[block] - before;
            return inBlock == 0 ? null : before + (random.NextUInt64() % inBlock);
        }

        /// <summary>The block holding output <paramref name="target"/>: the first whose cumulative count exceeds it.</summary>
        private int PartitionPoint(ulong target)
        {
            var (low, high) = (0, counts.Count);
            while (low < high)
            {
                var middle = (low + high) / 2;
                (low, high) = counts[middle] <= target ? (middle + 1, high) : (low, middle);
            }

            return low;
        }

        private RingMember? Usable(ChainOutput output)
        {
            var deepEnough = output.Height + SpendableAge <= height + 1;
            var unlocked = output.UnlockTime == 0 || (output.UnlockTime < UnlockTimeIsHeightBelow && output.UnlockTime <= (ulong)height + 1);
            if (!deepEnough || !unlocked
                || !EdwardsPoint.TryDecode(output.Key, out var key) || key.IsIdentity || !key.IsTorsionFree
                || !EdwardsPoint.TryDecode(output.Commitment, out var commitment))
            {
                return null;
            }

            return new RingMember(key, commitment);
        }
    }
}
