using Processor.Bitcoin.Addresses;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Sr25519;
using Processor.FullStack.Tests.Support;
using Processor.Serai;
using Processor.Serai.Contracts;
using static Processor.FullStack.Tests.Support.FullStackScript;
using Batch = Processor.Contracts.Coordinator.V1.Batch;
using Coin = Processor.Contracts.Common.V1.Coin;

namespace Processor.FullStack.Tests;

/// <summary>
/// Serai's own full-stack scenario (processor tests at A), checked where Serai's test left TODOs: the Batch's instruction and
/// amount, and the payout's exact outputs.
/// </summary>
[Collection(FullStackDefinition.Name)]
public sealed class SeraiScenarioTests(FullStackRuns runs)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DepositOf1Point1CoinWithATransferInstruction_SignedBatchCarriesThatInstructionAndAmount_SignatureVerifies()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.SeraiDeposit);
        var block = await run.Flow.Chain.BlockOfAsync(run.SeraiDepositSent.Txid, Cancel);

        // Every validator built the Batch; those in the signing set turned it into a SignedBatch.
        var batches = run.Running.Events.Select(e => e.All<Batch>().Where(b => FlowDriver.DisplayHex(b.ExternalBlockHash) == block).Distinct().ToList()).ToList();
        Assert.All(batches, b => Assert.Single(b));
        var batch = batches[0][0];
        Assert.All(batches, b => Assert.Equal(batch, b[0]));
        var instruction = Assert.Single(batch.Instructions);
        Assert.Equal(TransferInstruction(SeraiRecipient), instruction.Instruction.ToByteArray());
        Assert.Equal(Coin.Bitcoin, instruction.Coin);
        Assert.Equal((ulong)SeraiDeposit, instruction.Amount);
        var signed = run.Running.Events.SelectMany(e => e.All<SignedBatch>()).Where(s => s.Batch.Id == batch.Id).ToList();
        Assert.NotEmpty(signed);
        foreach (var signature in signed)
        {
            Assert.Equal(batch, signature.Batch);
            Assert.True(
                Sr25519.Verify(run.Flow.Keys.KeyPair.SubstrateKey.Span, BatchMessage.Of(ContractBatches.ToSerai(batch)), signature.Signature.Span),
                $"a SignedBatch {batch.Id} does not verify under the substrate key");
        }

        var state = await run.Running.Simulation.StateAsync(Cancel);
        Assert.Contains(state.Blocks, b => b.BatchIds.Contains(batch.Id));
    }

    [Fact]
    public async Task BurnOf1CoinToAP2pkhAddress_OnePayoutMined_TheBurnLessTheFeeToTheAddressAndExactly0Point1CoinToChange()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.SeraiBurn);
        var destination = ScriptOf(SeraiBurnDestination);

        // Bounded by the run's own blocks: the chaos run mines on the same node and pays the same destinations.
        await run.FinishedAsync();
        var payouts = await run.PayoutsAsync(run.EndHeight, Cancel);
        var (payout, _) = Assert.Single(payouts, p => p.Transaction.Transaction.Outputs[p.Vout].ScriptPubKey.Span.SequenceEqual(destination));
        var transaction = payout.Transaction;
        Assert.Equal(2, transaction.Outputs.Length);
        var inputs = 0L;
        foreach (var input in transaction.Inputs)
        {
            var spent = await run.Flow.Wallet.OutputsOfAsync(input.PreviousOutput.Txid.ToString(), Cancel);
            inputs += spent.Single(o => o.Vout == input.PreviousOutput.Index).Value;
        }

        var fee = inputs - transaction.Outputs.Sum(o => o.Value);
        Assert.True(fee > 0, $"the payout pays no fee ({inputs} sat in, {transaction.Outputs.Sum(o => o.Value)} out)");
        Assert.Equal(SeraiBurn - fee, transaction.Outputs.Single(o => o.ScriptPubKey.Span.SequenceEqual(destination)).Value);
        var change = transaction.Outputs.Single(o => !o.ScriptPubKey.Span.SequenceEqual(destination));
        Assert.Equal(run.Flow.Script(AddressKind.Change), change.ScriptPubKey.ToArray());
        Assert.Equal(SeraiChange, change.Value);
    }
}
