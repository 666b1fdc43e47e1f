using Dapper;
using Google.Protobuf;
using Processor.Messaging.Consuming;
using Processor.Scanner.Tests.Support;
using Processor.Testing;

namespace Processor.Scanner.Tests.Handlers;

/// <summary>The scanner learns confirmed keys from the signer: stored with their activation, invalid ones dead-lettered.</summary>
public sealed class KeyActivatedHandlerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidKeyWithActivationBlock_IsStoredWaitingForThatBlock()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        var key = ScannerTestBed.NewKey(session: 3, activationBlock: 120);

        var invocation = await bed.DeliverAsync(key, Cancel);

        Assert.Equal(1, invocation.Applied);
        Assert.Empty(invocation.Emitted);
        var row = Assert.Single(await KeysAsync(bed));
        Assert.Equal(3, row.Session);
        Assert.Equal(key.KeyPair.SubstrateKey.ToByteArray(), row.SubstrateKey);
        Assert.Equal(key.KeyPair.NetworkKey.ToByteArray(), row.NetworkKey);
        Assert.Equal(DateTime.UnixEpoch, row.ActivationTime);
        Assert.Equal(120, row.RequestedHeight);
        // Scanning has not started: the scan activates the key when it gets to its block.
        Assert.Null(row.ActivationHeight);
        Assert.Null(row.CatchUpHeight);
    }

    [Fact]
    public async Task KeyWhoseActivationTimeIsAlreadyIndexed_ActivatesAtTheFirstBlockAtOrAfterIt_AndCatchesUpFromThere()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        var activation = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var connection = await HandlerTestBed.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync($"INSERT INTO {bed.Schema}.scan_progress (next_height) VALUES (13)");
            for (var height = 10; height < 13; height++)
            {
                await connection.ExecuteAsync(
                    $"INSERT INTO {bed.Schema}.blocks (height, hash, parent_hash, time, median_time) VALUES (@height, @hash, @parent, @time, @time)",
                    new { height, hash = new[] { (byte)height }, parent = new[] { (byte)(height - 1) }, time = activation.AddMinutes(height - 11) });
            }
        }

        var key = ScannerTestBed.NewKey(session: 4, activationBlock: null);
        key.ActivationTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(activation);
        await bed.DeliverAsync(key, Cancel);

        var row = Assert.Single(await KeysAsync(bed));
        Assert.Null(row.RequestedHeight);
        Assert.Equal(11, row.ActivationHeight);
        Assert.Equal(11, row.CatchUpHeight);
    }

    [Fact]
    public async Task MalformedNetworkKey_IsPoisonNamingTheSession_AndStoresNothing()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        var key = ScannerTestBed.NewKey(session: 7, activationBlock: null);
        // 0xFF…FF is above the field prime: no x coordinate of a secp256k1 point.
        key.KeyPair.NetworkKey = ByteString.CopyFrom(Enumerable.Repeat((byte)0xFF, 32).ToArray());

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => bed.DeliverAsync(key, Cancel));

        Assert.Contains("session 7", poison.Message, StringComparison.Ordinal);
        Assert.Contains("network key", poison.Message, StringComparison.Ordinal);
        Assert.Empty(await KeysAsync(bed));
    }

    [Fact]
    public async Task MissingActivationTime_IsPoisonNamingTheSession_AndStoresNothing()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        var key = ScannerTestBed.NewKey(session: 8, activationBlock: null);
        key.ActivationTime = null;

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => bed.DeliverAsync(key, Cancel));

        Assert.Equal("KeyActivated for session 8 has no activation time.", poison.Message);
        Assert.Empty(await KeysAsync(bed));
    }

    [Fact]
    public async Task RedeliveredEvent_IsDroppedByTheInbox()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        var key = ScannerTestBed.NewKey(session: 2, activationBlock: 50);
        var eventId = Guid.CreateVersion7();
        await bed.DeliverAsync(key, Cancel, eventId);

        var again = await bed.DeliverAsync(key, Cancel, eventId);

        Assert.Equal(0, again.Applied);
        Assert.Single(await KeysAsync(bed));
    }

    [Fact]
    public async Task SameSessionUnderANewEventId_KeepsTheFirstRecord()
    {
        await using var bed = await ScannerHandlerBed.StartAsync();
        var first = ScannerTestBed.NewKey(session: 2, activationBlock: 50);
        await bed.DeliverAsync(first, Cancel);

        // A replay after the inbox was cleared, or a re-sent confirmation: the key already known stays as first recorded.
        var second = ScannerTestBed.NewKey(session: 2, activationBlock: 60);
        var invocation = await bed.DeliverAsync(second, Cancel);

        Assert.Equal(1, invocation.Applied);
        var row = Assert.Single(await KeysAsync(bed));
        Assert.Equal(first.KeyPair.NetworkKey.ToByteArray(), row.NetworkKey);
        Assert.Equal(50, row.RequestedHeight);
    }

    private static async Task<List<StoredKey>> KeysAsync(HandlerTestBed bed)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(Cancel);
        return (await connection.QueryAsync<StoredKey>(
            $"""
            SELECT session, substrate_key AS substratekey, network_key AS networkkey, activation_time AS activationtime,
                   requested_height AS requestedheight, activation_height AS activationheight, catch_up_height AS catchupheight
            FROM {bed.Schema}.keys ORDER BY session
            """)).AsList();
    }

    private sealed record StoredKey(
        int Session, byte[] SubstrateKey, byte[] NetworkKey, DateTime ActivationTime, long? RequestedHeight, long? ActivationHeight,
        long? CatchUpHeight);
}
