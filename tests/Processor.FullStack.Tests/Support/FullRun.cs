using System.Diagnostics;
using Processor.Bitcoin.Addresses;
using Processor.Cluster.Testing;
using Processor.Contracts;
using Processor.CoordinatorSimulator.Simulation;
using static Processor.FullStack.Tests.Support.FullStackScript;

namespace Processor.FullStack.Tests.Support;

/// <summary>How a full run goes: with the operator's replays, with a chaos monkey (its seed), how long each step may take.</summary>
internal sealed record FullRunOptions(bool WithReplays, int? ChaosSeed, TimeSpan StepLimit);

/// <summary>
/// The full run (<see cref="FullStackScript"/>) on a cluster of its own (3 validators, t = 2, all four services each), step by
/// step in the background; a test awaits the step whose outcome it checks (<see cref="ReachedAsync"/>). A failed step fails
/// every later one. What each step sent is kept here, what the validators did is on their topics (kept after the cluster
/// stops) and on the node's chain.
/// </summary>
internal sealed class FullRun : IAsyncDisposable
{
    /// <summary>What every service gets besides the cluster's own settings: short polls, a quick retry of refused transactions.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Scanner__PollInterval"] = "00:00:00.200",
        ["Scheduler__RebroadcastInterval"] = "00:00:15",
    };

    private static readonly ServiceDefinition[] Services =
        [ServiceCatalog.Signer, ServiceCatalog.Scanner, ServiceCatalog.Reporter, ServiceCatalog.Scheduler];

    private readonly FullRunOptions _options;
    private readonly Dictionary<FlowStep, TaskCompletionSource> _steps =
        Enum.GetValues<FlowStep>().ToDictionary(s => s, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private readonly List<string> _sentTxids = [];
    private readonly List<ReplayOutcome> _replays = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private RunningCluster? _running;
    private FlowDriver? _flow;

    private FullRun(string name, FullRunOptions options)
    {
        Name = name;
        _options = options;
        _run = RunAsync(_stop.Token);
    }

    public string Name { get; }

    public RunningCluster Running => _running ?? throw new InvalidOperationException($"The {Name} run's cluster did not start.");

    public FlowDriver Flow => _flow ?? throw new InvalidOperationException($"The {Name} run did not get keys.");

    public ChaosMonkey? Monkey { get; private set; }

    public Deposit SeraiDepositSent { get; private set; } = null!;

    public SeraiBlock SeraiBurnBlock { get; private set; } = null!;

    public Deposit UndecodableDeposit { get; private set; } = null!;

    public Deposit SwapDeposit { get; private set; } = null!;

    public SeraiBlock DustBurnBlock { get; private set; } = null!;

    public Deposit SplitDepositSent { get; private set; } = null!;

    public Deposit AggregationDepositSent { get; private set; } = null!;

    public SeraiBlock FanOutBlock { get; private set; } = null!;

    /// <summary>The operator's replays (reporter, then scheduler, at validator 1, after the fan-out), when the run makes them.</summary>
    public IReadOnlyList<ReplayOutcome> Replays => _replays;

    /// <summary>Every transaction the run's wallet sent (deposits and the coins made for them): anything else paying out is the processor's.</summary>
    public IReadOnlyCollection<string> SentTxids => _sentTxids;

    /// <summary>How long each step took, in order.</summary>
    public List<(FlowStep Step, TimeSpan Took)> Durations { get; } = [];

    /// <summary>The last block of the run, once it finished.</summary>
    public long EndHeight { get; private set; }

    public static FullRun Start(string name, FullRunOptions options) => new(name, options);

    /// <summary>Completes when <paramref name="step"/> is done; faults if it (or a step before it) failed.</summary>
    public Task ReachedAsync(FlowStep step) => _steps[step].Task;

    /// <summary>Completes when the flow is done (every deposit and burn settled; the operator's replays may follow).</summary>
    public Task FinishedAsync() => _steps[FlowStep.FanOut].Task;

    /// <summary>Completes when the run stopped taking steps, whether it succeeded or not (its steps' tasks tell which).</summary>
    public Task EndedAsync() => Task.WhenAny(_run);

    /// <summary>The processor's payouts of this run: every output of a transaction it mined that the run's wallet did not send.</summary>
    public async Task<IReadOnlyList<(ChainTransaction Transaction, int Vout)>> PayoutsAsync(long toHeight, CancellationToken cancellationToken)
    {
        var sent = _sentTxids.ToHashSet();
        var transactions = await Flow.Chain.TransactionsAsync(Flow.StartHeight, toHeight, cancellationToken);
        return [.. transactions
            .Where(t => !t.Transaction.IsCoinbase && !sent.Contains(t.Txid))
            .SelectMany(t => Enumerable.Range(0, t.Transaction.Outputs.Length).Select(vout => (t, vout)))];
    }

    /// <summary>Stops every service of the run (its topics, databases and the chain stay for the assertions).</summary>
    public async Task StopServicesAsync()
    {
        await _stop.CancelAsync();
        // Ended either way: a failure or the cancellation is what the steps' tasks report.
        await EndedAsync();

        try
        {
            if (Monkey is not null)
            {
                // Rethrows what went wrong in the monkey's run (e.g. a restart that failed).
                await Monkey.DisposeAsync();
            }
        }
        finally
        {
            foreach (var validator in _running?.Cluster.Validators ?? [])
            {
                foreach (var service in Services)
                {
                    validator.Kill(service);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServicesAsync();
        }
        finally
        {
            if (_running is not null)
            {
                await _running.DisposeAsync();
            }

            _stop.Dispose();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var current = FlowStep.SeraiDeposit;
        try
        {
            _running = await RunningCluster.StartAsync(
                new ClusterSpec(3, 2, Settings: Settings), Services, signingTimeout: TimeSpan.FromSeconds(20), cancellationToken);
            await _running.WaitForIdentitiesAsync(_options.StepLimit, cancellationToken);
            var keys = await _running.GenerateConfirmedKeysAsync(0, _options.StepLimit, cancellationToken);
            _flow = await FlowDriver.StartAsync(_running, keys, confirmations: 6, cancellationToken);
            if (_options.ChaosSeed is { } seed)
            {
                Monkey = ChaosMonkey.Start(_running.Cluster, Services, killsEach: 2, seed, maxPause: TimeSpan.FromSeconds(4));
            }

            foreach (var step in Enum.GetValues<FlowStep>())
            {
                current = step;
                var clock = Stopwatch.StartNew();
                await TakeAsync(step, cancellationToken);
                Durations.Add((step, clock.Elapsed));
                _steps[step].SetResult();
            }
        }
        catch (Exception e)
        {
            var failure = new InvalidOperationException($"The {Name} run failed at step {current}: {e.Message}", e);
            foreach (var step in Enum.GetValues<FlowStep>().Where(s => s >= current))
            {
                _steps[step].TrySetException(failure);
            }

            throw;
        }
    }

    private async Task TakeAsync(FlowStep step, CancellationToken cancellationToken)
    {
        var external = Flow.Script(AddressKind.External);
        switch (step)
        {
            case FlowStep.SeraiDeposit:
                SeraiDepositSent = Sent(await Flow.Wallet.SendAsync(external, SeraiDeposit, 1, TransferData(SeraiRecipient), cancellationToken));
                break;
            case FlowStep.SeraiBurn:
                SeraiBurnBlock = await Flow.BurnAsync([FlowDriver.BurnOf(SeraiBurn, SeraiBurnDestination)], cancellationToken);
                break;
            case FlowStep.RefundsAndDust:
                UndecodableDeposit = Sent(await Flow.Wallet.SendFromFreshOriginAsync(external, RefundedDeposit, UndecodableData, cancellationToken));
                SwapDeposit = Sent(await Flow.Wallet.SendAsync(external, RefundedDeposit, 1, SwapData, cancellationToken));
                DustBurnBlock = await Flow.BurnAsync([FlowDriver.BurnOf(DustBurn, DustDestination)], cancellationToken);
                break;
            case FlowStep.Replay:
                if (_options.WithReplays)
                {
                    _replays.Add(await OperatorReplay.RunAsync(Running, 1, ServiceCatalog.Reporter, _options.StepLimit, cancellationToken));
                    _replays.Add(await OperatorReplay.RunAsync(Running, 1, ServiceCatalog.Scheduler, _options.StepLimit, cancellationToken));
                }

                break;
            case FlowStep.BatchSplit:
                SplitDepositSent = Sent(await Flow.Wallet.SendAsync(external, SplitDeposit, SplitDeposits, TransferData(SplitRecipient), cancellationToken));
                break;
            case FlowStep.Aggregation:
                AggregationDepositSent = Sent(await Flow.Wallet.SendAsync(
                    external, AggregatedDeposit, AggregatedDeposits, TransferData(AggregationRecipient), cancellationToken));
                break;
            case FlowStep.FanOut:
                FanOutBlock = await Flow.BurnAsync([.. FanOutDestinations.Select(d => FlowDriver.BurnOf(FanOutBurn, d))], cancellationToken);
                if (Monkey is not null)
                {
                    // The run must not end before every planned kill was dealt.
                    await Monkey.Completion.WaitAsync(_options.StepLimit, cancellationToken);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "not a step");
        }

        await Flow.SettleAsync(_options.StepLimit, cancellationToken);
        EndHeight = await Flow.Node.GetHeightAsync(cancellationToken);
    }

    private Deposit Sent(Deposit deposit)
    {
        _sentTxids.Add(deposit.Txid);
        if (deposit.FundingTxid is { } funding)
        {
            _sentTxids.Add(funding);
        }

        return deposit;
    }
}
