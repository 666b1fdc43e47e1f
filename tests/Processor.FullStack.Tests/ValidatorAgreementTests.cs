using Google.Protobuf;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.FullStack.Tests.Support;

namespace Processor.FullStack.Tests;

/// <summary>Every validator computes the same Batches and the same plans from the same chain and the same Serai blocks.</summary>
[Collection(FullStackDefinition.Name)]
public sealed class ValidatorAgreementTests(FullStackRuns runs)
{
    [Fact]
    public async Task WholeRun_EveryValidatorProducedIdenticalBatchesPlansAndTransactions()
    {
        var run = runs.Baseline;
        await run.FinishedAsync();

        AgreementAssert.ValidatorsAgree(run.Running);
    }
}

/// <summary>Checks over what every validator of a run published.</summary>
internal static class AgreementAssert
{
    /// <summary>
    /// Every validator published the same Batches (by id, byte for byte), the same plans (by id, byte for byte), acknowledged
    /// every Serai block with the same plan ids, and every signed transaction of a plan is the plan's eventuality.
    /// </summary>
    public static void ValidatorsAgree(RunningCluster running)
    {
        var batches = running.Events.Select(e => ById(e.All<Batch>(), b => b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var plans = running.Plans.Select(p => ById(p.All<PlanCreated>(), p => FlowDriver.Hex(p.PlanId))).ToList();
        var acknowledgements = running.Events
            .Select(e => ById(e.All<SubstrateBlockAcknowledged>(), a => a.SeraiBlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.NotEmpty(batches[0]);
        Assert.NotEmpty(plans[0]);
        for (var v = 1; v < running.Events.Count; v++)
        {
            AssertSame("Batch", batches[0], batches[v], v + 1);
            AssertSame("plan", plans[0], plans[v], v + 1);
            AssertSame("acknowledgement of Serai block", acknowledgements[0], acknowledgements[v], v + 1);
        }

        foreach (var signed in running.SignerSignatures.SelectMany(s => s.All<TransactionSigned>()))
        {
            var plan = plans[0].GetValueOrDefault(FlowDriver.Hex(signed.PlanId));
            Assert.True(plan is not null, $"a signer signed plan {FlowDriver.Hex(signed.PlanId)}, which validator 1 never created");
            Assert.Equal(plan.EventualityTxid, signed.Txid);
        }
    }

    /// <summary>The messages by key; a key published twice must carry the same message both times.</summary>
    private static Dictionary<string, T> ById<T>(IEnumerable<T> messages, Func<T, string> key)
        where T : IMessage<T>
    {
        var byId = new Dictionary<string, T>();
        foreach (var message in messages)
        {
            var id = key(message);
            if (byId.TryGetValue(id, out var earlier))
            {
                Assert.True(earlier.Equals(message), $"{typeof(T).Name} {id} was published twice with different contents:\n{earlier}\n{message}");
            }

            byId[id] = message;
        }

        return byId;
    }

    private static void AssertSame<T>(string what, Dictionary<string, T> first, Dictionary<string, T> other, int participant)
        where T : IMessage<T>
    {
        var missing = first.Keys.Except(other.Keys).Concat(other.Keys.Except(first.Keys)).ToList();
        Assert.True(missing.Count == 0, $"validators 1 and {participant} differ in which {what}s they made: {string.Join(", ", missing.Take(10))}");
        foreach (var (id, message) in first)
        {
            Assert.True(message.Equals(other[id]), $"{what} {id} differs between validators 1 and {participant}:\n{message}\n{other[id]}");
        }
    }
}
