using Processor.Cluster.Testing;
using Processor.Contracts;

namespace Processor.Cluster.Tests;

/// <summary>The harness itself: validators sharing one broker and one Postgres server stay apart.</summary>
public sealed class ClusterHarnessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidatorsOnOneServer_EachSignerMigratesItsOwnDatabaseAndUsesItsOwnTopics()
    {
        await using var cluster = await ValidatorCluster.CreateAsync(new ClusterSpec(Validators: 2), Cancel);
        Assert.Equal(2, cluster.Threshold);
        Assert.NotEqual(cluster[1].Topics.CoordinatorCommands, cluster[2].Topics.CoordinatorCommands);
        Assert.NotEqual(cluster[1].Database, cluster[2].Database);
        Assert.All(cluster.Validators, v => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, v.SecretKey.Mode));

        cluster.StartAll(ServiceCatalog.Signer);

        foreach (var validator in cluster.Validators)
        {
            await cluster.WaitUntilAsync(
                $"the signer of validator {validator.Participant} to migrate its schema in {validator.Database}",
                async token =>
                {
                    var migrated = await validator.QueryScalarAsync<bool>(
                        "SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = 'signer')", null, token);
                    return migrated ? Probe.Met("schema signer") : Probe.NotYet("no schema signer");
                },
                TimeSpan.FromSeconds(90),
                Cancel);
        }
    }
}
