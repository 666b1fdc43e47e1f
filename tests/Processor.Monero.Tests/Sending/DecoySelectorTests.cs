using Processor.Monero.Crypto;
using Processor.Monero.Sending;
using static Processor.Monero.Tests.Sending.SendingFixtures;

namespace Processor.Monero.Tests.Sending;

/// <summary>
/// Decoy selection over an in-memory chain (the regtest node tests cover monerod): same seed, same rings; every member
/// usable at the reference height; rings of one transaction share no member; wallet2's median rule on a larger chain.
/// </summary>
public sealed class DecoySelectorTests : IDisposable
{
    private const int OutputsPerBlock = 3;
    private readonly TestWallet _wallet = new("decoy wallet");

    [Fact]
    public async Task SameSeedAndHeight_GiveTheSameRings_AnotherSeedOthers()
    {
        var chain = new InMemoryChain(300);
        var inputs = new[] { _wallet.Owned(100, 5), _wallet.Owned(400, 5) };
        chain.Place(inputs);

        var first = await DecoySelector.SelectAsync(chain, Seed("plan"), 299, inputs, TestContext.Current.CancellationToken);
        var again = await DecoySelector.SelectAsync(chain, Seed("plan"), 299, inputs, TestContext.Current.CancellationToken);
        var other = await DecoySelector.SelectAsync(chain, Seed("another plan"), 299, inputs, TestContext.Current.CancellationToken);

        Assert.Equal(first.Select(r => r.GlobalIndices), again.Select(r => r.GlobalIndices));
        Assert.NotEqual(first.Select(r => r.GlobalIndices), other.Select(r => r.GlobalIndices));
    }

    [Fact]
    public async Task Rings_HoldTheRealOutputWhereItSorts_AndOnlyUsableMembers_NoneShared()
    {
        var chain = new InMemoryChain(300);
        var inputs = new[] { _wallet.Owned(100, 5), _wallet.Owned(400, 5) };
        chain.Place(inputs);

        var rings = await DecoySelector.SelectAsync(chain, Seed("plan"), 280, inputs, TestContext.Current.CancellationToken);

        Assert.Equal(2 * DecoySelector.RingSize, rings.SelectMany(r => r.GlobalIndices).Distinct().Count());
        foreach (var (ring, input) in rings.Zip(inputs))
        {
            Assert.Equal(ring.GlobalIndices.Order(), ring.GlobalIndices);
            Assert.Equal((input.GlobalIndex, input.Key), (ring.GlobalIndices[ring.RealIndex], ring.Members[ring.RealIndex].Key));
            Assert.All(ring.GlobalIndices.Where(i => i != input.GlobalIndex), i => Assert.True(chain.IsUsableAt(i, 280), $"output {i} is not usable at 280"));
        }
    }

    [Fact]
    public async Task LargerChain_PutsTheRingMedianInTheNewestFortyPercent()
    {
        var chain = new InMemoryChain(400);
        var inputs = new[] { _wallet.Owned(50, 5) };
        chain.Place(inputs);

        var ring = (await DecoySelector.SelectAsync(chain, Seed("plan"), 399, inputs, TestContext.Current.CancellationToken))[0];

        Assert.True(ring.GlobalIndices[DecoySelector.RingSize / 2] >= 400 * OutputsPerBlock * 3 / 5);
        Assert.Contains(50UL, ring.GlobalIndices);
    }

    [Fact]
    public async Task ChainWithTooFewOutputs_IsAClearError()
    {
        var chain = new InMemoryChain(20);
        var inputs = new[] { _wallet.Owned(5, 5) };
        chain.Place(inputs);

        var error = await Assert.ThrowsAsync<DecoySelectionException>(() => DecoySelector.SelectAsync(chain, Seed("plan"), 19, inputs, TestContext.Current.CancellationToken));

        Assert.Contains("Not enough decoy candidates", error.Message);
    }

    public void Dispose() => _wallet.Dispose();

    /// <summary>
    /// <see cref="OutputsPerBlock"/> outputs per block; every 7th output has an undecodable key, every 11th is locked by a
    /// Unix time, every block's first is a coinbase (unlock height + 60).
    /// </summary>
    private sealed class InMemoryChain : IDecoySource
    {
        private readonly List<ChainOutput> _outputs = [];

        public InMemoryChain(int blocks)
        {
            for (var height = 0; height < blocks; height++)
            {
                for (var j = 0; j < OutputsPerBlock; j++)
                {
                    var index = (ulong)_outputs.Count;
                    var key = index % 7 == 3 ? Enumerable.Repeat((byte)0xFF, 32).ToArray() : EdwardsPoint.MultiplyBase(Key($"chain output {index}")).ToArray();
                    var unlock = index % 11 == 5 ? 1_700_000_000UL : j == 0 ? (ulong)height + 60 : 0;
                    _outputs.Add(new ChainOutput(index, key, EdwardsPoint.MultiplyBase(Key($"chain commitment {index}")).ToArray(), height, unlock));
                }
            }
        }

        /// <summary>Puts our outputs at their indices (plain, unlocked).</summary>
        public void Place(IEnumerable<SpendableOutput> outputs)
        {
            foreach (var output in outputs)
            {
                var at = _outputs[(int)output.GlobalIndex];
                _outputs[(int)output.GlobalIndex] = at with { Key = output.Key.ToArray(), Commitment = output.Commitment.ToArray(), UnlockTime = 0 };
            }
        }

        public bool IsUsableAt(ulong index, long height)
        {
            var output = _outputs[(int)index];
            return output.Height + DecoySelector.SpendableAge <= height + 1 && index % 7 != 3 && (output.UnlockTime == 0 || output.UnlockTime <= (ulong)height + 1);
        }

        public Task<IReadOnlyList<ulong>> GetCumulativeOutputCountsAsync(long height, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ulong>>([.. Enumerable.Range(0, (int)height + 1).Select(h => (ulong)((h + 1) * OutputsPerBlock))]);

        public Task<IReadOnlyList<ChainOutput>> GetOutputsAsync(IReadOnlyList<ulong> globalIndices, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ChainOutput>>([.. globalIndices.Select(i => _outputs[(int)i])]);
    }
}
