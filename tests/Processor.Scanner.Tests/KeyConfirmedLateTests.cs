using Google.Protobuf;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Contracts.Scanner.V1;
using Processor.Messaging.Envelopes;
using Processor.Scanner.Tests.Support;
using Processor.Testing;

namespace Processor.Scanner.Tests;

/// <summary>
/// A key's activation block follows from its confirmation, never from when the key event arrived: a key that arrives after
/// scanning passed its activation block still gets every output from that block on, in the same events.
/// </summary>
public sealed class KeyConfirmedLateTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeyArrivingAfterScanningPassedItsActivationBlock_GetsTheSameEventsAsAKeyKnownInTime()
    {
        await using var inTime = await ScannerTestBed.StartAsync();
        await using var late = await ScannerTestBed.StartAsync(inTime.Node);
        var node = inTime.Node;
        await node.FundWalletAsync(Cancel);

        // The key activates at a block not mined yet; the in-time scanner learns it before that block exists.
        var activationHeight = await node.GetHeightAsync(Cancel) + 2;
        var key = ScannerTestBed.NewKey(session: 1, activationBlock: (ulong)activationHeight);
        var groupKey = key.KeyPair.NetworkKey.ToByteArray();
        inTime.StartScanner();
        await inTime.PublishAsync(inTime.Topics.SignerKeys, key);
        await inTime.WaitForKeyAsync(1);

        // A deposit before the activation block (not ours yet), then a deposit and a change output after it.
        var address = AddressKinds.Address(groupKey, AddressKind.External, BitcoinNetwork.LitecoinRegtest);
        await node.SendAsync(address, 30_000_000, [1], Cancel);
        await node.MineAsync(1, cancellationToken: Cancel);
        await node.MineAsync(1, cancellationToken: Cancel);
        await node.SendAsync(address, 40_000_000, [2], Cancel);
        await node.SendAsync(AddressKinds.Address(groupKey, AddressKind.Change, BitcoinNetwork.LitecoinRegtest), 50_000_000, cancellationToken: Cancel);
        await node.MineAsync(ScannerTestBed.Confirmations, cancellationToken: Cancel);
        var caughtUp = await inTime.WaitUntilCaughtUpAsync();

        // The late scanner has scanned the whole chain before it learns the key.
        late.StartScanner();
        Assert.Equal(caughtUp, await late.WaitUntilCaughtUpAsync());
        await late.PublishAsync(late.Topics.SignerKeys, key);
        await late.WaitForKeyAsync(1);
        await late.WaitUntilKeysCaughtUpAsync();

        var expected = KeyParts(await inTime.ScannedThroughAsync(caughtUp - 1), inTime.Network);
        var lateEvents = await TopicReader.ReadUntilAsync(
            late.Topics.ScannerBlocks,
            ScannedBlock.Parser,
            events => events.DistinctBy(e => e.EventId).Count(e => e.Message.HasKeySession) >= expected.Count);
        var actual = KeyParts(lateEvents, late.Network);
        Assert.Equal([(ulong)activationHeight, (ulong)activationHeight + 1], expected.Select(e => e.Event.Height).Distinct());
        Assert.Equal(2, expected.Sum(e => e.Event.Outputs.Sum(k => k.Outputs.Count)));
        Assert.Equal(expected.Select(e => (e.Name, e.Event)), actual.Select(e => (e.Name, e.Event)));
    }

    /// <summary>
    /// The key parts with their event ids turned back into the network-independent part of their name (the two scanners
    /// publish under two network names; the id of a part is the name-based id of <c>scanner/&lt;network&gt;/&lt;name&gt;</c>).
    /// </summary>
    private static List<(string Name, ScannedBlock Event)> KeyParts(IReadOnlyList<ReadEvent<ScannedBlock>> events, string network) =>
        events.DistinctBy(e => e.EventId).Where(e => e.Message.HasKeySession).Select(e =>
        {
            var name = $"block/{e.Message.Height}/{Convert.ToHexStringLower(e.Message.Hash.Span)}/key/{e.Message.KeySession}/part/{e.Message.Part}";
            Assert.Equal(EventIds.FromName($"scanner/{network}/{name}"), e.EventId);
            return (name, e.Message);
        }).OrderBy(e => e.name, StringComparer.Ordinal).ToList();
}
