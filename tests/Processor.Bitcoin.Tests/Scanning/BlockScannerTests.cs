using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Scanning;
using Processor.Bitcoin.Tests.Support;

namespace Processor.Bitcoin.Tests.Scanning;

/// <summary>Finding the outputs of a real block that pay watched scripts.</summary>
public sealed class BlockScannerTests
{
    [Fact]
    public void WatchedScriptsOfARealBlock_AreFoundWithTheirTagsAndOutpoints()
    {
        var block = RealBlocks.Parse(RealBlocks.Mainnet702861);
        var matcher = new ScriptMatcher<string>();
        var second = block.Transactions[1];
        var last = block.Transactions[^1];
        matcher.Add(second.Outputs[0].ScriptPubKey.Span, "second");
        matcher.Add(last.Outputs[^1].ScriptPubKey.Span, "last");

        var found = BlockScanner.FindOutputs(block, matcher);

        Assert.Contains(found, f => f.Tag == "second" && f.OutPoint == new Processor.Bitcoin.Transactions.OutPoint(second.Txid, 0));
        Assert.Contains(found, f => f.Tag == "last" && f.Transaction == last && f.OutputIndex == last.Outputs.Length - 1);
        Assert.All(found, f => Assert.True(f.Output.ScriptPubKey.Span.SequenceEqual(f.Tag == "second"
            ? second.Outputs[0].ScriptPubKey.Span
            : last.Outputs[^1].ScriptPubKey.Span)));
        var expectedCount = block.Transactions.Skip(1).SelectMany(t => t.Outputs)
            .Count(o => o.ScriptPubKey.Span.SequenceEqual(second.Outputs[0].ScriptPubKey.Span)
                || o.ScriptPubKey.Span.SequenceEqual(last.Outputs[^1].ScriptPubKey.Span));
        Assert.Equal(expectedCount, found.Count);
    }

    [Fact]
    public void CoinbaseOutputs_AreNotReported()
    {
        var block = RealBlocks.Parse(RealBlocks.MainnetPreSegwit);
        var matcher = new ScriptMatcher<int>();
        matcher.Add(block.Transactions[0].Outputs[0].ScriptPubKey.Span, 0);

        Assert.DoesNotContain(BlockScanner.FindOutputs(block, matcher), f => f.Transaction.IsCoinbase);
    }

    [Fact]
    public void ScriptMatcher_MatchesByBytesNotByReference()
    {
        var groupKey = Convert.FromHexString("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        var matcher = new ScriptMatcher<AddressKind>();
        foreach (var kind in AddressKinds.All)
        {
            matcher.Add(AddressKinds.ScriptPubKey(groupKey, kind), kind);
        }

        Assert.True(matcher.TryMatch(AddressKinds.ScriptPubKey(groupKey, AddressKind.Change), out var matched));
        Assert.Equal(AddressKind.Change, matched);
        Assert.False(matcher.TryMatch(new byte[34], out _));
        Assert.False(matcher.TryMatch([0x6a], out _));
        Assert.Throws<ArgumentException>(() => matcher.Add(AddressKinds.ScriptPubKey(groupKey, AddressKind.Branch), AddressKind.External));
        Assert.True(matcher.Remove(AddressKinds.ScriptPubKey(groupKey, AddressKind.Branch)));
        Assert.Equal(3, matcher.Count);
    }
}
