using Processor.Networks.Plugins.Monero;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>
/// What plan preparation refuses before it asks the node anything. Preparing against monerod regtest is tested in
/// Processor.Monero.Node.Tests (Plugins/MoneroPlanPreparerTests), which runs alone: a wallet starved of CPU times out.
/// </summary>
public sealed class MoneroPlanPreparerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InputWithoutMoneroSpendData_IsAnInvalidPlan()
    {
        var plan = new TransactionPlan(
            MoneroNetworkKeyTests.NewGroupKey(), [new PlannedInput(new OutputReference(new byte[32], 0), 1, [], OutputKind.Change)], [], null);

        await Assert.ThrowsAsync<InvalidPlanException>(() => new MoneroPlanPreparer(null!).PrepareAsync(new byte[32], plan, 100, Cancel));
    }
}
