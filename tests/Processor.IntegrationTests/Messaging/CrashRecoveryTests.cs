using Processor.IntegrationTests.Support;
using Xunit.Sdk;

namespace Processor.IntegrationTests.Messaging;

/// <summary>
/// The exactly-once guarantee under crashes: the counter worker runs as a child process and is killed with SIGKILL
/// again and again — right after a commit, between the relay's delivery and its marking, inside a rebalance between two
/// instances, and at random moments — while 10,000 increments stream in.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Events = 10_000;
    private const int Keys = 40;
    private const int Chunks = 20;
    private const int MinimumKills = 20;

    [Fact]
    public async Task RepeatedSigkills_FinalStateAndEmittedEventsEqualRunWithoutKills()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("crash");
        await topics.CreateAsync(ct);
        var increments = CounterTopics.Increments(Events, Keys);
        var crashed = CounterWorkerConfig.Create(topics) with { MaxBatchSize = 100 };
        var random = new Random(20261123);
        var kills = new Dictionary<string, int>();

        var chunkSize = Events / Chunks;
        for (var round = 0; round < Chunks || kills.Values.Sum() < MinimumKills; round++)
        {
            Assert.True(round < Chunks * 3, "the kill schedule did not complete in a bounded number of rounds");
            if (round < Chunks)
            {
                await topics.ProduceAsync(increments.Skip(round * chunkSize).Take(chunkSize), ct);
            }

            var point = (round % 4) switch
            {
                0 => "after-commit",
                1 => "relay-delivered",
                2 => "assigned",
                _ => "random",
            };
            var killedAt = point == "assigned"
                ? await KillDuringRebalanceAsync(crashed, random)
                : await KillAsync(crashed with { CrashAt = point, CrashAfter = random.Next(1, 4) }, random);
            kills[killedAt] = kills.GetValueOrDefault(killedAt) + 1;
        }

        output.WriteLine("kills: " + string.Join(", ", kills.Select(k => $"{k.Key}={k.Value}")));
        Assert.True(kills.Values.Sum() >= MinimumKills);
        Assert.True(kills.GetValueOrDefault("after-commit") > 0 && kills.GetValueOrDefault("relay-delivered") > 0
            && kills.GetValueOrDefault("assigned") > 0, "every kill point was hit");

        // Let a healthy instance finish the work.
        var state = crashed.ReadState();
        using (WorkerProcess.Start(crashed))
        {
            Assert.True(await state.AllAppliedAndPublishedAsync(Events, TimeSpan.FromSeconds(120)), "the survivor did not finish the work");
        }

        await RunWithoutFaults.AssertSameStateAndOutputAsync(topics, state, increments, ct);
    }

    /// <summary>Starts the worker and waits for it to kill itself at its crash point, or kills it at a random moment.</summary>
    private static async Task<string> KillAsync(CounterWorkerConfig config, Random random)
    {
        using var worker = WorkerProcess.Start(config);
        var timeout = config.CrashAt == "random" ? TimeSpan.FromMilliseconds(random.Next(800, 2500)) : TimeSpan.FromSeconds(20);
        if (await worker.WaitForExitAsync(timeout))
        {
            return worker.CrashedAt ?? throw new XunitException("the worker exited without crashing");
        }

        worker.Kill();
        return "random";
    }

    /// <summary>
    /// Two instances share the group: the second kills itself inside its assignment callback (mid-rebalance), and the
    /// first is killed from outside while the group rebalances around the dead member.
    /// </summary>
    private static async Task<string> KillDuringRebalanceAsync(CounterWorkerConfig config, Random random)
    {
        using var first = WorkerProcess.Start(config);
        await first.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        using var second = WorkerProcess.Start(config with { CrashAt = "assigned", CrashAfter = 1 });
        if (!await second.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            second.Kill();
        }

        await Task.Delay(random.Next(100, 1500));
        first.Kill();
        return second.CrashedAt ?? "random";
    }
}
