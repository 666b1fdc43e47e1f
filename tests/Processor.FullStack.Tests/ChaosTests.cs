using System.Globalization;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.FullStack.Tests.Support;
using Processor.Testing;
using static Processor.FullStack.Tests.Support.FullStackScript;

namespace Processor.FullStack.Tests;

/// <summary>
/// The same full run on a second cluster while every service of every validator is SIGKILLed at random moments (twice each,
/// seeded: the seed is in the test output): it ends with the baseline's Batches and payouts, and no payment is made twice.
/// </summary>
[Collection(FullStackDefinition.Name)]
public sealed class ChaosTests(FullStackRuns runs)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryServiceOfEveryValidatorSigkilledTwiceAtRandomMoments_SameBatchesAndPayoutsAsWithout_NoPaymentTwice()
    {
        var baseline = runs.Baseline;
        await baseline.EndedAsync();
        await baseline.FinishedAsync();
        // The baseline's services are idle from here on: stopped, so the chaos run has the machine to itself.
        await baseline.StopServicesAsync();
        var seed = TestSeed.New();

        await using var chaos = FullRun.Start("chaos", new FullRunOptions(WithReplays: false, seed, FullStackRuns.StepLimit * 2));
        try
        {
            await chaos.FinishedAsync();
        }
        finally
        {
            TestContext.Current.TestOutputHelper?.WriteLine(chaos.Monkey?.Describe() ?? "no chaos monkey started");
        }

        var monkey = chaos.Monkey!;
        Assert.Equal(monkey.Planned, monkey.Kills.Count);
        Assert.All(monkey.Kills.GroupBy(k => (k.Validator, k.Service)), g => Assert.Equal(2, g.Count()));
        Assert.Equal(12, monkey.Kills.Select(k => (k.Validator, k.Service)).Distinct().Count());

        AgreementAssert.ValidatorsAgree(chaos.Running);
        Assert.Equal(BatchContents(baseline), BatchContents(chaos));
        var expected = await PayoutsByDestinationAsync(baseline);
        var actual = await PayoutsByDestinationAsync(chaos);
        var twice = actual.Where(p => p.Value.Count > 1).Select(p => $"{p.Key}: [{string.Join(", ", p.Value)}]").ToList();
        Assert.True(twice.Count == 0, $"paid more than once in the chaos run ({monkey.Describe()}):\n{string.Join('\n', twice)}");
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (destination, amounts) in expected)
        {
            Assert.True(amounts.SequenceEqual(actual[destination]),
                $"{destination}: paid [{string.Join(", ", amounts)}] in the baseline, [{string.Join(", ", actual[destination])}] with chaos");
        }
    }

    /// <summary>Validator 1's Batches as (id, instructions): the external blocks differ between runs, what they report must not.</summary>
    private static List<string> BatchContents(FullRun run) =>
        [.. run.Running.Events[0].All<Batch>().DistinctBy(b => b.Id).OrderBy(b => b.Id)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"Batch {b.Id}: ") + string.Join(", ", b.Instructions.Select(i => i.ToString())))];

    /// <summary>The amounts the processor paid to each destination the script names (the presumed origin by its role: it is a fresh address per run).</summary>
    private static async Task<Dictionary<string, List<long>>> PayoutsByDestinationAsync(FullRun run)
    {
        var roles = new Dictionary<string, string>
        {
            [Convert.ToHexStringLower(ScriptOf(SeraiBurnDestination))] = "Serai scenario burn",
            [Convert.ToHexStringLower(ScriptOf(DustDestination))] = "dust burn",
            [Convert.ToHexStringLower(ScriptOf(SwapOrigin))] = "Swap origin",
            [Convert.ToHexStringLower(run.UndecodableDeposit.OriginScript)] = "presumed origin",
        };
        foreach (var (destination, index) in FanOutDestinations.Select((d, i) => (d, i)))
        {
            roles[Convert.ToHexStringLower(ScriptOf(destination))] = $"fan-out burn {index}";
        }

        var payouts = await run.PayoutsAsync(run.EndHeight, Cancel);
        return payouts
            .Select(p => p.Transaction.Transaction.Outputs[p.Vout])
            .Select(o => (Role: roles.GetValueOrDefault(Convert.ToHexStringLower(o.ScriptPubKey.Span)), o.Value))
            .Where(o => o.Role is not null)
            .GroupBy(o => o.Role!)
            .ToDictionary(g => g.Key, g => g.Select(o => o.Value).ToList());
    }
}
