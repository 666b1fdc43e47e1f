using Processor.Bitcoin.Hashing;
using Processor.Embedded.Litecoin;
using Processor.Contracts.Scanner.V1;
using Processor.Testing;

namespace Processor.Scanner.Tests.Support;

/// <summary>What every stream of ScannedBlock events must be: one per height, in order, linked, and the node's final chain.</summary>
public static class ChainAssert
{
    /// <summary>
    /// The block's own parts (a key's parts aside) cover heights 0..<paramref name="lastHeight"/> exactly once each, in order; each links to the previous by
    /// parent hash, and each hash is the node's block at that height now. A record delivered twice by the outbox relay (a
    /// crash between delivery and marking it sent) carries the same event id and content, so consumers' inboxes drop it:
    /// copies are allowed, two different events for one height are not. Returns the number of such redelivered copies.
    /// </summary>
    public static async Task<int> ExactlyTheNodesChainAsync(IReadOnlyList<ReadEvent<ScannedBlock>> records, long lastHeight, LitecoinNode node)
    {
        foreach (var copies in records.GroupBy(r => r.EventId))
        {
            Assert.All(copies, copy => Assert.Equal(copies.First().Message, copy.Message));
        }

        var events = records.DistinctBy(r => r.EventId).Where(r => !r.Message.HasKeySession).ToList();
        Assert.All(events, e => Assert.Equal((0u, 1u), (e.Message.Part, e.Message.PartCount)));
        Assert.Equal(Enumerable.Range(0, (int)lastHeight + 1).Select(h => (ulong)h), events.Select(e => e.Message.Height));
        for (var i = 0; i < events.Count; i++)
        {
            var block = events[i].Message;
            if (i > 0)
            {
                Assert.Equal(events[i - 1].Message.Hash, block.ParentHash);
            }

            var nodeHash = await node.Rpc.GetBlockHashAsync((long)block.Height, TestContext.Current.CancellationToken);
            Assert.Equal(nodeHash, new Hash256(block.Hash.Span).ToString());
        }

        return records.Count - records.DistinctBy(r => r.EventId).Count();
    }
}
