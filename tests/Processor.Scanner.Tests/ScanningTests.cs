using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Hashing;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Scanner.Tests.Support;
using Processor.Testing;

namespace Processor.Scanner.Tests;

/// <summary>The scanner against a real litecoind regtest node: deposits, finality, and restarts after a crash.</summary>
public sealed class ScanningTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DepositWithInstruction_IsExactlyOneOutputInOneScannedBlock_OnlyAfterSixConfirmations()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        await bed.Node.FundWalletAsync(Cancel);
        bed.StartScanner();
        var groupKey = await bed.PublishKeyAsync(session: 1);
        await bed.WaitForKeyAsync(1);

        var address = ScannerTestBed.ExternalAddress(groupKey);
        var instruction = RandomNumberGenerator.GetBytes(75);
        var txid = await bed.Node.SendAsync(address, 150_000_000, instruction, Cancel);
        await bed.Node.SendAsync(address, 5_000, cancellationToken: Cancel); // under the 10,000-satoshi dust threshold
        var depositBlock = (await bed.Node.MineAsync(1, cancellationToken: Cancel))[0];
        var depositHeight = await bed.Node.GetHeightAsync(Cancel);

        await bed.Node.MineAsync(4, cancellationToken: Cancel);
        Assert.Equal(depositHeight, await bed.WaitUntilCaughtUpAsync());
        Assert.DoesNotContain(await bed.ScannedThroughAsync(depositHeight - 1), e => e.Message.Outputs.Count > 0);

        await bed.Node.MineAsync(1, cancellationToken: Cancel);
        Assert.Equal(depositHeight + 1, await bed.WaitUntilCaughtUpAsync());

        var events = await bed.ScannedThroughAsync(depositHeight);
        await ChainAssert.ExactlyTheNodesChainAsync(events, depositHeight, bed.Node);
        var withOutputs = Assert.Single(events, e => e.Message.Outputs.Count > 0).Message;
        Assert.Equal((ulong)depositHeight, withOutputs.Height);
        Assert.Equal(depositBlock, new Hash256(withOutputs.Hash.Span).ToString());
        var keyOutputs = Assert.Single(withOutputs.Outputs);
        Assert.Equal(1u, keyOutputs.Session);
        Assert.Equal(groupKey, keyOutputs.NetworkKey.ToByteArray());
        var output = Assert.Single(keyOutputs.Outputs);
        Assert.Equal(Hash256.Parse(txid).ToArray(), output.Id.Txid.ToByteArray());
        Assert.Equal(150_000_000ul, output.Amount);
        Assert.Equal(OutputKind.External, output.Kind);
        Assert.Equal(Coin.Bitcoin, output.Coin);
        Assert.Equal(instruction, output.Instruction.ToByteArray());
        Assert.Equal(InstructionError.Unspecified, output.InstructionError);
        Assert.Equal(AddressKinds.ScriptPubKey(groupKey, AddressKind.External), output.Script.ToByteArray());
        // The wallet spent its P2WPKH coinbase outputs: the presumed origin is one of them, as Serai's ExternalAddress.
        Assert.Equal(21, output.Origin.Length);
        Assert.Equal(2, output.Origin[0]);

        var activation = Assert.Single(events, e => e.Message.ActivatedKeys.Count > 0).Message;
        Assert.True(activation.Height <= withOutputs.Height);
        Assert.Equal(groupKey, Assert.Single(activation.ActivatedKeys).KeyPair.NetworkKey.ToByteArray());
    }

    [Fact]
    public async Task ScannerKilledWhileScanning_Restarted_EmitsNoDuplicateAndSkipsNoBlock()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        await bed.Node.MineAsync(600, cancellationToken: Cancel);
        var finalHeight = await bed.Node.GetHeightAsync(Cancel) - (ScannerTestBed.Confirmations - 1);

        // Killed three times at arbitrary points while it scans, restarted each time.
        var atKill = 0L;
        for (var kill = 0; kill < 3; kill++)
        {
            bed.StartScanner();
            await bed.WaitForNextHeightAboveAsync(atKill + 30);
            bed.KillScanner();
            atKill = (await bed.ProgressAsync()).NextHeight;
            Assert.True(atKill <= finalHeight, $"the scanner had already finished ({atKill}) when it was killed");
        }

        bed.StartScanner();
        Assert.Equal(finalHeight + 1, await bed.WaitUntilCaughtUpAsync());

        await ChainAssert.ExactlyTheNodesChainAsync(await bed.ScannedThroughAsync(finalHeight), finalHeight, bed.Node);
    }

    [Fact]
    public async Task PlanTransactionInAFinalizedBlock_CompletesTheEventualityTheSchedulerRegistered()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        await bed.Node.FundWalletAsync(Cancel);
        bed.StartScanner();
        var txid = await bed.Node.SendAsync(await bed.Node.GetNewAddressAsync(Cancel), 20_000_000, cancellationToken: Cancel);
        var planId = RandomNumberGenerator.GetBytes(32);
        await bed.PublishAsync(bed.Topics.SchedulerPlans, new PlanCreated
        {
            Network = NetworkId.Bitcoin,
            Session = 1,
            PlanId = ByteString.CopyFrom(planId),
            EventualityTxid = ByteString.CopyFrom(Hash256.Parse(txid).ToArray()),
        });
        await bed.WaitForEventualityAsync(planId);

        await bed.Node.MineAsync(ScannerTestBed.Confirmations, cancellationToken: Cancel);
        var minedHeight = await bed.WaitUntilCaughtUpAsync() - 1;

        var events = await bed.ScannedThroughAsync(minedHeight);
        var completed = Assert.Single(events.SelectMany(e => e.Message.CompletedEventualities.Select(c => (e.Message.Height, c))));
        Assert.Equal((ulong)minedHeight, completed.Height);
        Assert.Equal(planId, completed.c.PlanId.ToByteArray());
        Assert.Equal(Hash256.Parse(txid).ToArray(), completed.c.Txid.ToByteArray());
    }

    [Fact]
    public async Task PlanRegisteredAfterItsBlockWasScanned_IsCompletedByALatePartForThatBlock()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        await bed.Node.FundWalletAsync(Cancel);
        bed.StartScanner();
        var madeAt = await bed.Node.GetHeightAsync(Cancel);
        var txid = await bed.Node.SendAsync(await bed.Node.GetNewAddressAsync(Cancel), 20_000_000, cancellationToken: Cancel);
        var mined = await bed.Node.MineAsync(ScannerTestBed.Confirmations + 2, cancellationToken: Cancel);
        var nextHeight = await bed.WaitUntilCaughtUpAsync();
        Assert.True(nextHeight > madeAt + 2, $"the scanner is at {nextHeight}, not past the block that pays the plan ({madeAt + 1})");

        // Made at the block before the payment, as a scheduler restarted after the others had paid the plan would make it.
        var planId = RandomNumberGenerator.GetBytes(32);
        await bed.PublishAsync(bed.Topics.SchedulerPlans, new PlanCreated
        {
            Network = NetworkId.Bitcoin,
            Session = 1,
            PlanId = ByteString.CopyFrom(planId),
            EventualityTxid = ByteString.CopyFrom(Hash256.Parse(txid).ToArray()),
            ExternalBlockNumber = (ulong)madeAt,
        });

        var events = await TopicReader.ReadUntilAsync(
            bed.Topics.ScannerBlocks, ScannedBlock.Parser, events => events.Exists(e => e.Message.CompletedEventualities.Count > 0));
        var late = Assert.Single(events, e => e.Message.CompletedEventualities.Count > 0).Message;
        Assert.Equal((ulong)(madeAt + 1), late.Height);
        Assert.Equal(Hash256.Parse(mined[0]).ToArray(), late.Hash.ToByteArray());
        Assert.False(late.HasKeySession);
        Assert.Equal((0u, 1u), (late.Part, late.PartCount));
        var completed = Assert.Single(late.CompletedEventualities);
        Assert.Equal(planId, completed.PlanId.ToByteArray());
        Assert.Equal(Hash256.Parse(txid).ToArray(), completed.Txid.ToByteArray());
        Assert.Equal((madeAt + 1, false), await bed.EventualityStateAsync(planId));
    }

    [Fact]
    public async Task UnreachableNode_IsRetried_AndShownInHealth_WithoutCrashing()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        var environment = bed.Environment();
        environment["Bitcoin__Rpc__Url"] = $"http://127.0.0.1:{Processor.Embedded.LoopbackPorts.GetFreePort()}/";

        bed.StartScanner(environment);

        var (_, body) = await bed.WaitForReadinessAsync((status, text) =>
            status == System.Net.HttpStatusCode.ServiceUnavailable && text.Contains("the node is unreachable", StringComparison.Ordinal));
        Assert.Contains("scan failing (", body, StringComparison.Ordinal);
        Assert.Contains("getblockhash: the node is unreachable at " + environment["Bitcoin__Rpc__Url"], body, StringComparison.Ordinal);
        Assert.False(bed.ScannerHasExited);
    }

    [Fact]
    public async Task NodeOfAnotherNetwork_IsRefused_AndShownInHealth_WithoutCrashing()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        var environment = bed.Environment();
        environment["Bitcoin__Network__Name"] = "regtest";

        bed.StartScanner(environment);

        var (_, body) = await bed.WaitForReadinessAsync((status, text) =>
            status == System.Net.HttpStatusCode.ServiceUnavailable && text.Contains("another chain", StringComparison.Ordinal));
        Assert.Contains("scan failing (", body, StringComparison.Ordinal);
        Assert.Contains("the node serves another chain", body, StringComparison.Ordinal);
        Assert.False(bed.ScannerHasExited);
        Assert.Equal((0L, (string?)null), await bed.ProgressAsync());
    }

    [Fact]
    public async Task NetworkWithoutAPlugin_RefusesToStart_NamingTheSetting()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        var environment = bed.Environment();
        environment["Processor__Network"] = "dogecoin";

        bed.StartScanner(environment);

        Assert.Equal(2, await bed.WaitForScannerExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("scanner: configuration error: Processor:Network is 'dogecoin', which names no network plug-in", bed.ScannerOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingNodeRpcUrl_RefusesToStart_NamingTheSetting()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        var environment = bed.Environment();
        environment.Remove("Bitcoin__Rpc__Url");

        bed.StartScanner(environment);

        Assert.Equal(2, await bed.WaitForScannerExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("scanner: configuration error: Bitcoin:Rpc:Url is required", bed.ScannerOutput, StringComparison.Ordinal);
    }
}
