using Processor.Bitcoin.Addresses;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Sr25519;
using Processor.FullStack.Tests.Support;
using Processor.Serai;
using Processor.Serai.Contracts;
using static Processor.FullStack.Tests.Support.FullStackScript;
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

        foreach (var (events, participant) in run.Running.Events.Select((e, i) => (e, i + 1)))
        {
            var signed = events.All<SignedBatch>().Where(s => FlowDriver.DisplayHex(s.Batch.ExternalBlockHash) == block).ToList();
            var batch = Assert.Single(signed.Select(s => s.Batch).Distinct());
            var instruction = Assert.Single(batch.Instructions);
            Assert.Equal(TransferInstruction(SeraiRecipient), instruction.Instruction.ToByteArray());
            Assert.Equal(Coin.Bitcoin, instruction.Coin);
            Assert.Equal((ulong)SeraiDeposit, instruction.Amount);
            foreach (var signature in signed)
            {
                Assert.True(
                    Sr25519.Verify(run.Flow.Keys.KeyPair.SubstrateKey.Span, BatchMessage.Of(ContractBatches.ToSerai(batch)), signature.Signature.Span),
                    $"validator {participant}'s SignedBatch {batch.Id} does not verify under the substrate key");
            }
        }

        var state = await run.Running.Simulation.StateAsync(Cancel);
        var batchId = run.Running.Events[0].All<SignedBatch>().First(s => FlowDriver.DisplayHex(s.Batch.ExternalBlockHash) == block).Batch.Id;
        Assert.Contains(state.Blocks, b => b.BatchIds.Contains(batchId));
    }

    [Fact]
    public async Task BurnOf1CoinToAP2pkhAddress_OnePayoutMined_TheBurnLessTheFeeToTheAddressAndExactly0Point1CoinToChange()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.SeraiBurn);
        var destination = ScriptOf(SeraiBurnDestination);

        var payouts = await run.PayoutsAsync(await run.Flow.Node.GetHeightAsync(Cancel), Cancel);
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
