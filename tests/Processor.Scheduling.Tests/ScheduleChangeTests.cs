using Processor.Networks;
using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.PlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>A service that stores the state as rows and applies each <see cref="ScheduleChange"/> has the engine's state.</summary>
public sealed class ScheduleChangeTests
{
    [Fact]
    public void RowsUpdatedByEachChange_EqualTheEnginesState_ThroughAFanOutAndAnAggregation()
    {
        var bed = new PlanningBed();
        var rows = new Rows();
        var results = new List<SchedulingResult>
        {
            bed.Schedule([.. Enumerable.Range(0, 530).Select(_ => bed.Output(1_000_000))], [Burn(2 * Coin, 0)]),
        };
        results.Add(bed.Schedule([bed.Output(100 * Coin)], [.. Enumerable.Range(1, 600).Select(i => Burn(1_000_000, i))]));
        results.Add(bed.Schedule([.. results.SelectMany(r => r.Plans).SelectMany(OwnOutputsOf)]));

        foreach (var result in results)
        {
            rows.Apply(result.Change);
            Assert.Equal(Keys(result.State.Utxos), Keys(rows.Utxos));
            Assert.Equal(result.State.Queue.Select(p => p.Id), rows.Queue.Select(p => p.Id));
            Assert.Equal(result.State.Branches.Select(b => (Key(b), b.Arrived)).Order(), rows.Branches.Select(b => (Key(b), b.Arrived)).Order());
        }

        Assert.NotEmpty(results[1].Change.BranchesAdded);
        Assert.NotEmpty(results[2].Change.BranchesRemoved);
    }

    private static IEnumerable<string> Keys(IEnumerable<PlannedInput> utxos) => utxos.Select(u => Key(u.Id)).Order();

    private static string Key(OutputReference id) => $"{Convert.ToHexString(id.TransactionId)}:{id.Index}";

    private static string Key(PendingBranch branch) => $"{Convert.ToHexString(branch.PlanId)}/{branch.Position}";

    /// <summary>What a service's tables would hold: pool rows, queue rows by sequence, branch rows.</summary>
    private sealed class Rows
    {
        public List<PlannedInput> Utxos { get; } = [];

        public List<Payment> Queue { get; } = [];

        public List<PendingBranch> Branches { get; } = [];

        public void Apply(ScheduleChange change)
        {
            var spent = change.UtxosSpent.Select(Key).ToHashSet();
            Utxos.RemoveAll(u => spent.Contains(Key(u.Id)));
            Utxos.AddRange(change.UtxosAdded);
            var dequeued = change.PaymentsDequeued.ToHashSet();
            Queue.RemoveAll(p => dequeued.Contains(p.Id));
            Queue.AddRange(change.PaymentsEnqueued);
            var removed = change.BranchesRemoved.Select(Key).ToHashSet();
            var arrived = change.BranchesArrived.Select(Key).ToHashSet();
            Branches.RemoveAll(b => removed.Contains(Key(b)));
            for (var i = 0; i < Branches.Count; i++)
            {
                if (arrived.Contains(Key(Branches[i])))
                {
                    Branches[i] = Branches[i] with { Arrived = true };
                }
            }

            Branches.AddRange(change.BranchesAdded);
        }
    }
}
