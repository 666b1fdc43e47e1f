using Processor.Ctl;

namespace Processor.Signer.Tests.Signing;

/// <summary><c>processorctl attempts</c> shows each attempt's sign id, state, signing set and times.</summary>
public sealed class AttemptsCommandTests
{
    [Fact]
    public async Task AfterASignatureAndAReattempt_ListsEachAttemptWithItsStateAndSigningSet()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        var id = Batches.SignIdOf(request);
        var preprocesses = await validators.RequestAsync(request);
        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, [1, 2]);
        await validators.RelaySharesAsync(id, shares, [1, 2]);
        var other = Batches.Request(validators.Keys, id: 8);
        await validators.DeliverAsync(1, other);
        await validators.DeliverAsync(1, new Contracts.Coordinator.V1.SignReattempt { Id = Batches.SignIdOf(other, 1) });

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Cli.RunAsync(
            ["attempts", "--schema", validators.Bed(1).Schema, "--postgres", Processor.Testing.PostgresServer.ConnectionString],
            output, error, _ => null, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(["session", "kind", "id", "attempt", "state", "participants", "preprocessed (UTC)", "shared", "finished", "note"], lines[0]);
        var completed = Assert.Single(lines, l => l.Contains(Convert.ToHexStringLower(id.Id.Span)));
        Assert.Equal(["1", "batch", Convert.ToHexStringLower(id.Id.Span), "0", "completed", "1,2"], completed[..6]);
        var otherId = Convert.ToHexStringLower(Batches.SignIdOf(other).Id.Span);
        Assert.Equal(["1", "batch", otherId, "1", "preprocessed", "-"], lines.Single(l => l.Contains(otherId) && l[3] == "1")[..6]);
        Assert.Equal(["1", "batch", otherId, "0", "superseded", "-"], lines.Single(l => l.Contains(otherId) && l[3] == "0")[..6]);
    }
}
