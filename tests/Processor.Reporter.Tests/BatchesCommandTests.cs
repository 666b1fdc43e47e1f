using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Ctl;
using Processor.Reporter.Tests.Support;
using Processor.Testing;
using static Processor.Reporter.Tests.Support.ScannedChain;

namespace Processor.Reporter.Tests;

/// <summary><c>processorctl batches</c> lists the reporter's Batches with their block, instruction count and state.</summary>
public sealed class BatchesCommandTests
{
    [Fact]
    public async Task Batches_ShowsEachBatchsBlockCountAndState()
    {
        await using var bed = await ReporterBed.StartAsync();
        var key = KeyOf(1);
        await bed.DeliverAllAsync([
            Own(100), OfKey(100, key, activates: true, [External(1, 60_000, Transfer(1)), External(2, 60_000, Transfer(2))]),
            Own(101), OfKey(101, key, activates: false, [External(3, 70_000, Transfer(3))]),
            Own(102), OfKey(102, key, activates: false, [Change(4, 5_000)]),
        ]);
        var acknowledged = new SubstrateBlock { SeraiBlockNumber = 7, LatestFinalizedExternalBlock = ByteString.CopyFrom(Hash(100)) };
        acknowledged.BatchIds.Add(0);
        await bed.DeliverAsync(acknowledged);
        await bed.DeliverAsync(new BatchSigned
        {
            Session = 1,
            SignedBatch = new SignedBatch { Batch = bed.Batches[1], Signature = ByteString.CopyFrom(new byte[64]) },
        });

        using var output = new StringWriter();
        var exitCode = await Cli.RunAsync(
            ["batches", "--schema", bed.Schema, "--postgres", PostgresServer.ConnectionString], output, output, _ => null,
            TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, output.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["0", "1", "2"], lines.Select(l => l[0]));
        Assert.Equal(["100", "101", "102"], lines.Select(l => l[1]));
        Assert.Equal(Convert.ToHexStringLower(Hash(100)), lines[0][2]);
        Assert.Equal(["2", "1", "0"], lines.Select(l => l[3]));
        Assert.Equal(["acknowledged", "signed", "signing"], lines.Select(l => l[5]));
        Assert.Equal("7", lines[0][6]);
    }
}
