using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Scheduler.Tests.Support;
using Processor.Testing;

namespace Processor.Scheduler.Tests;

/// <summary>
/// Each plan's signing data comes from the plug-in's <see cref="IPlanPreparer"/> at the acknowledgement's required block;
/// a chain that cannot give it yet parks the acknowledgement with nothing written or emitted. The scheduler's handlers run
/// in-process on real Postgres against a real node (the Bitcoin plug-in with a preparer of the test's).
/// </summary>
public sealed class SigningDataTests
{
    private const ulong Deposit = 110_000_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanCreated_CarriesTheRegisteredPreparersSigningData_ForThePlanAtTheRequiredBlock()
    {
        await using var chain = await SchedulerTestBed.StartAsync();
        var preparer = new DigestPreparer();
        await using var scheduler = await StartSchedulerAsync(chain, preparer);
        await scheduler.DeliverAsync(chain.KeyActivation(), Cancel);
        var deposit = await chain.DepositAsync((long)Deposit);

        var invocation = await scheduler.DeliverAsync(SchedulerTestBed.Acknowledgement(1, [deposit], SchedulerTestBed.BurnToNewP2pkh(100_000_000)), Cancel);

        Assert.Null(invocation.ParkReason);
        var plan = Assert.Single(Messages(invocation, PlanCreated.Parser));
        var call = Assert.Single(preparer.Calls);
        Assert.Equal(plan.PlanId.ToByteArray(), call.PlanId);
        Assert.Equal((long)deposit.Height, call.Height);
        Assert.Equal(Deposit, Assert.Single(call.Plan.Inputs).Amount);
        Assert.Equal(DigestPreparer.DataOf(call.PlanId, call.Height), plan.SigningData.ToByteArray());
        var created = Assert.Single(Messages(invocation, PlanStatus.Parser));
        Assert.Equal(plan.EventualityTxid, created.Txid);
    }

    [Fact]
    public async Task PreparerThatCannotAnswerYet_ParksTheAcknowledgement_AndARetryMakesThePlanOnce()
    {
        await using var chain = await SchedulerTestBed.StartAsync();
        var preparer = new DigestPreparer { Unavailable = "too few outputs for decoys" };
        await using var scheduler = await StartSchedulerAsync(chain, preparer);
        await scheduler.DeliverAsync(chain.KeyActivation(), Cancel);
        var acknowledgement = SchedulerTestBed.Acknowledgement(1, [await chain.DepositAsync((long)Deposit)], SchedulerTestBed.BurnToNewP2pkh(100_000_000));
        var eventId = Guid.NewGuid();

        var parked = await scheduler.DeliverAsync(acknowledgement, Cancel, eventId);
        var plansWhileParked = await chain.QueryAsync<long>($"SELECT count(*) FROM {scheduler.Schema}.plans");
        var utxosWhileParked = await chain.QueryAsync<long>($"SELECT count(*) FROM {scheduler.Schema}.utxos");
        preparer.Unavailable = null;
        var retried = await scheduler.DeliverAsync(acknowledgement, Cancel, eventId);

        Assert.Contains("too few outputs for decoys", parked.ParkReason, StringComparison.Ordinal);
        Assert.Empty(parked.Emitted);
        Assert.Equal(0, plansWhileParked);
        Assert.Equal(0, utxosWhileParked);
        Assert.Null(retried.ParkReason);
        var plan = Assert.Single(Messages(retried, PlanCreated.Parser));
        Assert.Equal(DigestPreparer.DataOf(plan.PlanId.ToByteArray(), (long)acknowledgement.RequiredBlockHeight), plan.SigningData.ToByteArray());
        Assert.Equal(1, await chain.QueryAsync<long>($"SELECT count(*) FROM {scheduler.Schema}.plans"));
    }

    [Fact]
    public async Task PlanThePreparerFindsInvalid_IsPoison()
    {
        await using var chain = await SchedulerTestBed.StartAsync();
        var preparer = new DigestPreparer { Invalid = "input 0 has no spend data of this network" };
        await using var scheduler = await StartSchedulerAsync(chain, preparer);
        await scheduler.DeliverAsync(chain.KeyActivation(), Cancel);
        var acknowledgement = SchedulerTestBed.Acknowledgement(1, [await chain.DepositAsync((long)Deposit)], SchedulerTestBed.BurnToNewP2pkh(100_000_000));

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => scheduler.DeliverAsync(acknowledgement, Cancel));

        Assert.Contains("input 0 has no spend data of this network", poison.Message, StringComparison.Ordinal);
    }

    /// <summary>The scheduler as its Program registers it, for the bed's network and node, with <paramref name="preparer"/> as the plug-in's.</summary>
    private static Task<HandlerTestBed> StartSchedulerAsync(SchedulerTestBed chain, IPlanPreparer preparer) => HandlerTestBed.StartAsync(
        builder =>
        {
            builder.AddScheduler();
            builder.Services.AddSingleton(preparer);
        },
        // The bed's network and node settings; the schema and connection are the handler bed's own.
        chain.Environment()
            .Where(e => !e.Key.StartsWith("Messaging__", StringComparison.Ordinal) && !e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value),
        Cancel);

    private static List<TMessage> Messages<TMessage>(HandlerInvocation invocation, Google.Protobuf.MessageParser<TMessage> parser)
        where TMessage : Google.Protobuf.IMessage<TMessage>
    {
        var type = parser.ParseFrom([]).Descriptor.FullName;
        return [.. invocation.Emitted.Where(e => e.EventType == type).Select(e => parser.ParseFrom(e.Payload))];
    }

    /// <summary>
    /// A preparer of the test's: signing data that names the plan and the height it was asked for, every call recorded;
    /// it can be told to find the chain not ready (<see cref="Unavailable"/>) or the plan invalid (<see cref="Invalid"/>).
    /// </summary>
    private sealed class DigestPreparer : IPlanPreparer
    {
        public List<(byte[] PlanId, TransactionPlan Plan, long Height)> Calls { get; } = [];

        public string? Unavailable { get; set; }

        public string? Invalid { get; set; }

        public static byte[] DataOf(byte[] planId, long height) => SHA256.HashData([.. planId, .. BitConverter.GetBytes(height)]);

        public Task<byte[]> PrepareAsync(ReadOnlyMemory<byte> planId, TransactionPlan plan, long externalBlockHeight, CancellationToken cancellationToken)
        {
            Calls.Add((planId.ToArray(), plan, externalBlockHeight));
            return Unavailable is { } unavailable ? throw new PlanPreparationUnavailableException(unavailable)
                : Invalid is { } invalid ? throw new InvalidPlanException(invalid)
                : Task.FromResult(DataOf(planId.ToArray(), externalBlockHeight));
        }
    }
}
