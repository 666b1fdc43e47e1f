using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;
using Processor.Testing;

namespace Processor.Scanner.Tests.Handlers;

/// <summary>The scanner registers each plan's eventuality; a plan whose ids have the wrong length is dead-lettered.</summary>
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

    private static async Task<List<StoredEventuality>> EventualitiesAsync(HandlerTestBed bed)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        return (await connection.QueryAsync<StoredEventuality>(
            $"SELECT plan_id AS planid, session, eventuality, completed_height AS completedheight FROM {bed.Schema}.eventualities")).AsList();
    }

    private sealed record StoredEventuality(byte[] PlanId, int Session, byte[] Eventuality, long? CompletedHeight);
}
