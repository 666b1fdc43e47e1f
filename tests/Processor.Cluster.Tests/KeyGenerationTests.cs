using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;

namespace Processor.Cluster.Tests;

/// <summary>Key generation of three validators over Kafka, through the coordinator simulator.</summary>
[Collection(ThreeValidatorsDefinition.Name)]
public sealed class KeyGenerationTests(ThreeValidators cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeValidators_GenerateOneKeyPairOverKafka_ConfirmedAndLearnedByScannerReporterScheduler()
    {
        var session = cluster.NewSession();

        var keys = await cluster.GenerateConfirmedKeysAsync(session);

        Assert.Equal(2, keys.Threshold);
        Assert.Equal([1, 2, 3], keys.Participants.Keys.Order());
        foreach (var validator in cluster.Cluster.Validators)
        {
            var generated = cluster.Events[validator.Participant - 1].All<GeneratedKeyPair>().Where(g => g.Session == session).ToList();
            Assert.NotEmpty(generated);
            Assert.All(generated, g => Assert.Equal(keys.KeyPair, g.KeyPair));
        }

        Assert.Equal(32, keys.KeyPair.SubstrateKey.Length);
        Assert.Equal(32, keys.KeyPair.NetworkKey.Length);
        var state = await cluster.Simulation.StateAsync(Cancel);
        Assert.Contains(state.Blocks, b => b.KeysSetForSessions.Contains(session));

        foreach (var validator in cluster.Cluster.Validators)
        {
            foreach (var (service, table) in new[] { ("scanner", "scanner.keys"), ("reporter", "reporter.keys"), ("scheduler", "scheduler.keys") })
            {
                await cluster.Cluster.WaitUntilAsync(
                    $"the {service} of validator {validator.Participant} to store the key of session {session}",
                    async token =>
                    {
                        var known = await validator.QueryScalarAsync<bool>(
                            $"SELECT EXISTS (SELECT 1 FROM {table} WHERE session = @session)", new { session = (long)session }, token);
                        return known ? Probe.Met("stored") : Probe.NotYet($"no row in {table}");
                    },
                    ClusterUnderTest.CeremonyLimit,
                    Cancel);
            }
        }
    }
}
