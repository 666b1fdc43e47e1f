using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.FullStack.Tests.Support;
using Processor.Serai.Contracts;
using static Processor.FullStack.Tests.Support.FullStackScript;

namespace Processor.FullStack.Tests;

/// <summary>A Batch encodes to at most 25,000 bytes: 594 Transfers fit, the 595th goes into the next Batch of the same block.</summary>
[Collection(FullStackDefinition.Name)]
public sealed class BatchSplitTests(FullStackRuns runs)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FiveHundredNinetyFiveTransferDepositsInOneBlock_TwoConsecutiveBatchesForThatBlock_BothExecuted()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.BatchSplit);
        var block = await run.Flow.Chain.BlockOfAsync(run.SplitDepositSent.Txid, Cancel);
        var state = await run.Running.Simulation.StateAsync(Cancel);

        foreach (var (events, participant) in run.Running.Events.Select((e, i) => (e, i + 1)))
        {
            var batches = events.All<Batch>().Where(b => FlowDriver.DisplayHex(b.ExternalBlockHash) == block).Distinct().OrderBy(b => b.Id).ToList();
            Assert.True(batches.Count == 2, $"validator {participant} made {batches.Count} Batch(es) for block {block}");
            Assert.Equal(batches[0].Id + 1, batches[1].Id);
            Assert.Equal(594, batches[0].Instructions.Count);
            Assert.Single(batches[1].Instructions);
            Assert.All(batches.SelectMany(b => b.Instructions), i =>
            {
                Assert.Equal(TransferInstruction(SplitRecipient), i.Instruction.ToByteArray());
                Assert.Equal((ulong)SplitDeposit, i.Amount);
            });
            Assert.All(batches, b => Assert.True(ContractBatches.ToSerai(b).FitsMaxEncodedSize, $"Batch {b.Id} is over 25,000 bytes"));
            Assert.All(batches, b => Assert.Contains(state.Blocks, s => s.BatchIds.Contains(b.Id)));
        }
    }
}
