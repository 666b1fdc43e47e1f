namespace Processor.FullStack.Tests.Support;

/// <summary>
/// The baseline full run shared by every test of the project (they check different steps of the same run, one after the
/// other, while it goes on): started when the first test needs it, with the operator's replays, no chaos.
/// </summary>
public sealed class FullStackRuns : IAsyncLifetime
{
    /// <summary>The longest a step of a run may take to settle on the shared 2-core machine.</summary>
    public static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(8);

    private FullRun? _baseline;

    internal FullRun Baseline => _baseline ?? throw new InvalidOperationException("The baseline run has not started.");

    public ValueTask InitializeAsync()
    {
        _baseline = FullRun.Start("baseline", new FullRunOptions(WithReplays: true, ChaosSeed: null, StepLimit));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_baseline is not null)
        {
            await _baseline.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FullStackDefinition : ICollectionFixture<FullStackRuns>
{
    public const string Name = "full stack";
}
