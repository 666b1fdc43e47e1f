using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Contracts.Scanner.V1;
using Processor.Networks;
using Processor.Scanner.Scanning;
using Processor.Scanner.Storage;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Scanner.Tests.Scanning;

/// <summary>What the scanner makes of a plug-in's findings in one block: key activation, rows, and bounded ScannedBlock parts.</summary>
public sealed class BlockScanTests
{
    private static readonly NetworkParameters Network = new("bitcoin", 1, 1, 6);
    private static readonly DateTimeOffset MedianTime = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly ChainBlock Block = new(7, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), MedianTime, MedianTime);

    [Fact]
    public void KeyBeforeItsActivationTime_IsNotActive()
    {
        Assert.Empty(BlockScan.ActiveAt(Block, [Key(1, activationTime: MedianTime.AddSeconds(1))]));
    }

    [Fact]
    public void Key_ActivatesAtTheFirstBlockAtOrAfterItsTime_WithItsMarkerInItsOwnPart()
    {
        var key = Key(1, activationTime: MedianTime);

        var result = BlockScan.Scan(Network, Block, BlockScan.ActiveAt(Block, [key]), [], [], [], withBlockParts: true);

        Assert.Equal([1], result.ActivatedSessions);
        var keyPart = Assert.Single(result.Parts, p => p.Event.HasKeySession).Event;
        Assert.Equal(key.NetworkKey, Assert.Single(keyPart.ActivatedKeys).KeyPair.NetworkKey.ToByteArray());
        Assert.Empty(Assert.Single(result.Parts, p => !p.Event.HasKeySession).Event.ActivatedKeys);
    }

    [Fact]
    public void KeyWithARequestedHeight_ActivatesThere_WhateverTheTime()
    {
        var key = Key(1, activationTime: MedianTime.AddDays(1), requestedHeight: 7);

        Assert.Empty(BlockScan.ActiveAt(Block with { Height = 6 }, [key]));
        Assert.Equal([key], BlockScan.ActiveAt(Block, [key]));
    }

    [Fact]
    public void KeyCatchingUp_IsLeftToItsCatchUp_NotTheMainScan()
    {
        var key = Key(1, activationTime: DateTimeOffset.UnixEpoch) with { ActivationHeight = 3, CatchUpHeight = 4 };

        Assert.Empty(BlockScan.ActiveAt(Block, [key]));
    }

    [Fact]
    public void BlockWithoutNotableKeys_HasOnlyItsOwnPart()
    {
        var key = Key(1, DateTimeOffset.UnixEpoch) with { ActivationHeight = 3 };

        var result = BlockScan.Scan(Network, Block, [key], [], [], [], withBlockParts: true);

        var part = Assert.Single(result.Parts).Event;
        Assert.False(part.HasKeySession);
        Assert.Equal((7ul, 0u, 1u), (part.Height, part.Part, part.PartCount));
        Assert.Equal(Block.Id, part.Hash.ToByteArray());
    }

    [Fact]
    public void BlockWithVeryManyOutputs_IsReportedInPartsUnderTheSizeBound_InOrder_WithDistinctStableNames()
    {
        var key = Key(1, DateTimeOffset.UnixEpoch) with { ActivationHeight = 3 };
        var found = Enumerable.Range(0, 3000).Select(i => Output(0, i, instruction: RandomNumberGenerator.GetBytes(512))).ToList();

        var result = BlockScan.Scan(Network, Block, [key], found, [], [], withBlockParts: true);

        var keyParts = result.Parts.Where(p => p.Event.HasKeySession).ToList();
        Assert.True(keyParts.Count > 1, $"{keyParts.Count} part(s)");
        Assert.All(keyParts, p => Assert.True(p.Event.CalculateSize() <= ScannedBlockParts.MaxEventBytes, $"{p.Name}: {p.Event.CalculateSize()} bytes"));
        Assert.Equal(Enumerable.Range(0, keyParts.Count).Select(i => ((uint)i, (uint)keyParts.Count)), keyParts.Select(p => (p.Event.Part, p.Event.PartCount)));
        Assert.Equal(found.Select(o => o.Id.Index), keyParts.SelectMany(p => p.Event.Outputs.SelectMany(k => k.Outputs)).Select(o => (int)o.Id.Vout));
        Assert.Equal(result.Parts.Count, result.Parts.Select(p => p.Name).Distinct().Count());
        var again = BlockScan.Scan(Network, Block, [key], found, [], [], withBlockParts: true);
        Assert.Equal(result.Parts.Select(p => (p.Name, p.Event)), again.Parts.Select(p => (p.Name, p.Event)));
    }

    [Fact]
    public void KeyParts_AreTheSame_WhetherTheKeyIsScannedAloneOrWithOthers()
    {
        var first = Key(1, DateTimeOffset.UnixEpoch) with { ActivationHeight = 7 };
        var second = Key(2, DateTimeOffset.UnixEpoch) with { ActivationHeight = 3 };
        var outputsOfSecond = new[] { Output(0, 4), Output(0, 9) };

        var together = BlockScan.Scan(Network, Block, [first, second], [Output(0, 1), .. outputsOfSecond.Select(o => o with { KeyIndex = 1 })], [], [], true);
        var alone = BlockScan.Scan(Network, Block, [second], outputsOfSecond, [], [], withBlockParts: false);

        Assert.Equal(
            alone.Parts.Select(p => (p.Name, p.Event)),
            together.Parts.Where(p => p.Event.HasKeySession && p.Event.KeySession == 2).Select(p => (p.Name, p.Event)));
        Assert.Equal(alone.Outputs.Select(o => o.Vout), together.Outputs.Where(o => o.Session == 2).Select(o => o.Vout));
    }

    [Fact]
    public void CompletedEventualities_AreInTheBlocksOwnPart()
    {
        var plan = new OpenEventuality(RandomNumberGenerator.GetBytes(32), 1, RandomNumberGenerator.GetBytes(32));

        var result = BlockScan.Scan(Network, Block, [], [], [plan], [new EventualityCompletion(0, plan.Eventuality)], withBlockParts: true);

        Assert.Equal([plan.PlanId], result.CompletedPlans);
        var completed = Assert.Single(Assert.Single(result.Parts).Event.CompletedEventualities);
        Assert.Equal(plan.PlanId, completed.PlanId.ToByteArray());
        Assert.Equal(plan.Eventuality, completed.Txid.ToByteArray());
    }

    private static ReceivedOutput Output(int keyIndex, int index, byte[]? instruction = null) => new(
        keyIndex, OutputKind.External, new OutputReference(new byte[32], index), 1, 50_000, new byte[34], instruction ?? [],
        [4, .. new byte[32]]);

    private static KeyRow Key(int session, DateTimeOffset activationTime, long? requestedHeight = null) =>
        new(session, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), activationTime.UtcDateTime, requestedHeight, null, null);
}
