using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;
using Processor.Testing;

namespace Processor.Scanner.Tests.Handlers;

/// <summary>
/// The scanner registers each plan's eventuality, with the blocks it already scanned that could hold the plan's transaction;
/// a plan whose ids have the wrong length is dead-lettered.
/// </summary>
public sealed class PlanCreatedHandlerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WellFormedPlan_RegistersItsEventuality()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        var plan = Plan(planIdLength: 32, eventualityLength: 32);

        var invocation = await bed.DeliverAsync(plan, Cancel);

        Assert.Equal(1, invocation.Applied);
        Assert.Empty(invocation.Emitted);
        var row = Assert.Single(await EventualitiesAsync(bed));
        Assert.Equal(plan.PlanId.ToByteArray(), row.PlanId);
        Assert.Equal(5, row.Session);
        Assert.Equal(plan.EventualityTxid.ToByteArray(), row.Eventuality);
        Assert.Null(row.CompletedHeight);
    }

    [Theory]
    [InlineData(100, 90, 91L, 99L)]
    [InlineData(100, 98, 99L, 99L)]
    [InlineData(100, 99, null, null)]
    [InlineData(100, 120, null, null)]
    public async Task PlanMadeAtABlock_LooksBackThroughTheScannedBlocksAfterIt(long nextHeight, long madeAt, long? from, long? to)
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        await SetNextHeightAsync(bed, nextHeight);
        var plan = Plan(planIdLength: 32, eventualityLength: 32);
        plan.ExternalBlockNumber = (ulong)madeAt;

        await bed.DeliverAsync(plan, Cancel);

        Assert.Equal((from, to), await LookBackAsync(bed, plan));
    }

    [Fact]
    public async Task PlanWithoutItsBlock_LooksBackFromAfterItsNewestInput()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        await SetNextHeightAsync(bed, 50);
        var (older, newer) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        await using (var connection = await HandlerTestBed.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                $"""
                INSERT INTO {bed.Schema}.blocks (height, hash, parent_hash, time, median_time)
                VALUES (30, '\x30', '\x29', now(), now()), (40, '\x40', '\x39', now(), now());
                INSERT INTO {bed.Schema}.outputs (txid, vout, height, session, kind, amount, script, instruction, coin)
                VALUES (@older, 0, 30, 5, 0, 1000, '\x', '\x', 0), (@newer, 1, 40, 5, 0, 1000, '\x', '\x', 0)
                """,
                new { older, newer });
        }

        var plan = Plan(planIdLength: 32, eventualityLength: 32);
        plan.Inputs.Add(new PlanInput { Id = new OutputId { Txid = ByteString.CopyFrom(older), Vout = 0 } });
        plan.Inputs.Add(new PlanInput { Id = new OutputId { Txid = ByteString.CopyFrom(newer), Vout = 1 } });

        await bed.DeliverAsync(plan, Cancel);

        Assert.Equal((41L, 49L), await LookBackAsync(bed, plan));
    }

    [Fact]
    public async Task PlanBeforeAnyScan_LooksBackAtNothing()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        var plan = Plan(planIdLength: 32, eventualityLength: 32);
        plan.ExternalBlockNumber = 10;

        await bed.DeliverAsync(plan, Cancel);

        Assert.Equal((null, null), await LookBackAsync(bed, plan));
    }

    [Theory]
    [InlineData(31, 32, "the plan id must be 32 bytes (got 31)")]
    [InlineData(33, 32, "the plan id must be 32 bytes (got 33)")]
    [InlineData(32, 20, "the eventuality (20 bytes) is not one of this network")]
    [InlineData(32, 0, "the eventuality (0 bytes) is not one of this network")]
    public async Task WrongLength_IsPoisonSayingWhich_AndRegistersNothing(int planIdLength, int eventualityLength, string reason)
    {
        await using var bed = await ScannerHandlerBed.StartAsync();

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(
            () => bed.DeliverAsync(Plan(planIdLength, eventualityLength), Cancel));

        Assert.Contains(reason, poison.Message, StringComparison.Ordinal);
        Assert.Empty(await EventualitiesAsync(bed));
    }

    private static PlanCreated Plan(int planIdLength, int eventualityLength) => new()
    {
        Session = 5,
        PlanId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(planIdLength)),
        EventualityTxid = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(eventualityLength)),
    };

    private static async Task SetNextHeightAsync(HandlerTestBed bed, long nextHeight)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync($"INSERT INTO {bed.Schema}.scan_progress (next_height) VALUES (@nextHeight)", new { nextHeight });
    }

    private static async Task<(long? From, long? To)> LookBackAsync(HandlerTestBed bed, PlanCreated plan)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        return await connection.QuerySingleAsync<(long?, long?)>(
            $"SELECT look_back_from, look_back_to FROM {bed.Schema}.eventualities WHERE plan_id = @planId", new { planId = plan.PlanId.ToByteArray() });
    }

    private static async Task<List<StoredEventuality>> EventualitiesAsync(HandlerTestBed bed)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        return (await connection.QueryAsync<StoredEventuality>(
            $"SELECT plan_id AS planid, session, eventuality, completed_height AS completedheight FROM {bed.Schema}.eventualities")).AsList();
    }

    private sealed record StoredEventuality(byte[] PlanId, int Session, byte[] Eventuality, long? CompletedHeight);
}
