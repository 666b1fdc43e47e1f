using System.Security.Cryptography;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Transactions;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Crypto.Secp256k1;
using Processor.Scanner.Scanning;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Tests.Scanning;

/// <summary>Scanning one block (built here from real serialized transactions) against the scanner's keys and plans.</summary>
public sealed class BlockScanTests
{
    private const long Dust = 10_000;
    private static readonly DateTimeOffset MedianTime = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly byte[] _groupKey = Bip340.XOnlyPublicKey(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void ExternalOutput_TakesTheLastPushOfTheOpReturn_AsItsInstruction()
    {
        var opReturn = (byte[])[ScriptPubKeys.OpReturn, .. ScriptPushes.Push([1, 1]), .. ScriptPushes.Push([7, 8, 9])];
        var payment = Payment(new TxOut(50_000, Script(AddressKind.External)), new TxOut(0, opReturn));

        var output = SingleOutput(Scan(BlockOf(payment)));

        Assert.Equal(OutputKind.External, output.Kind);
        Assert.Equal([7, 8, 9], output.Instruction.ToByteArray());
        Assert.Equal(InstructionError.Unspecified, output.InstructionError);
        Assert.Equal(payment.Txid.ToArray(), output.Id.Txid.ToByteArray());
        Assert.Equal(0u, output.Id.Vout);
        Assert.Equal(50_000ul, output.Amount);
    }

    [Theory]
    [InlineData(512, InstructionError.Unspecified)]
    [InlineData(513, InstructionError.TooLong)]
    public void InstructionOverTheLimit_IsReportedAsTooLong_NeverTruncated(int length, InstructionError expected)
    {
        var data = RandomNumberGenerator.GetBytes(length);
        var payment = Payment(new TxOut(50_000, Script(AddressKind.External)), new TxOut(0, ScriptPubKeys.NullData(data)));

        var output = SingleOutput(Scan(BlockOf(payment)));

        Assert.Equal(expected, output.InstructionError);
        Assert.Equal(expected == InstructionError.TooLong ? [] : data, output.Instruction.ToByteArray());
    }

    [Fact]
    public void DepositWithoutOpReturn_HasNoInstruction()
    {
        var output = SingleOutput(Scan(BlockOf(Payment(new TxOut(50_000, Script(AddressKind.External))))));

        Assert.Empty(output.Instruction);
        Assert.Equal(InstructionError.Unspecified, output.InstructionError);
    }

    [Fact]
    public void OutputsUnderDust_AreIgnored()
    {
        var payment = Payment(new TxOut(Dust - 1, Script(AddressKind.External)), new TxOut(Dust, Script(AddressKind.Change)));

        var output = SingleOutput(Scan(BlockOf(payment)));

        Assert.Equal(OutputKind.Change, output.Kind);
        Assert.Equal((ulong)Dust, output.Amount);
    }

    [Fact]
    public void EveryAddressKind_IsRecognized_AndOnlyExternalOutputsTakeInstructions()
    {
        var payment = Payment(
            new TxOut(20_000, Script(AddressKind.Branch)),
            new TxOut(30_000, Script(AddressKind.Change)),
            new TxOut(40_000, Script(AddressKind.Forwarded)),
            new TxOut(50_000, Script(AddressKind.External)),
            new TxOut(60_000, ScriptPubKeys.PayToTaproot(Bip340.XOnlyPublicKey(RandomNumberGenerator.GetBytes(32)))),
            new TxOut(0, ScriptPubKeys.NullData([5])));

        var outputs = Assert.Single(Scan(BlockOf(payment)).Event.Outputs).Outputs;

        Assert.Equal(
            [(OutputKind.Branch, 0u, 0), (OutputKind.Change, 1u, 0), (OutputKind.Forwarded, 2u, 0), (OutputKind.External, 3u, 1)],
            outputs.Select(o => (o.Kind, o.Id.Vout, o.Instruction.Length)));
    }

    [Fact]
    public void Outputs_AreOrderedByTxidThenVout()
    {
        var first = Payment(new TxOut(20_000, Script(AddressKind.External)), new TxOut(30_000, Script(AddressKind.Change)));
        var second = Payment(new TxOut(40_000, Script(AddressKind.External)));

        var outputs = Assert.Single(Scan(BlockOf(first, second)).Event.Outputs).Outputs;

        var expected = new[] { (first.Txid, 0u), (first.Txid, 1u), (second.Txid, 0u) }
            .OrderBy(o => o.Item1.ToArray(), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y)))
            .ThenBy(o => o.Item2)
            .Select(o => (Convert.ToHexString(o.Item1.ToArray()), o.Item2));
        Assert.Equal(expected, outputs.Select(o => (Convert.ToHexString(o.Id.Txid.ToByteArray()), o.Id.Vout)));
    }

    [Fact]
    public void CoinbaseOutputs_AreNotDeposits()
    {
        var result = Scan(BlockOf(coinbaseScript: Script(AddressKind.External)));

        Assert.Empty(result.Event.Outputs);
    }

    [Fact]
    public void KeyBeforeItsActivationTime_IsNotScannedForOutputs()
    {
        var key = Key(activationTime: MedianTime.AddSeconds(1));

        var result = BlockScan.Scan(7, BlockOf(Payment(new TxOut(50_000, Script(AddressKind.External)))), MedianTime, [key], [], Dust);

        Assert.Empty(result.Event.Outputs);
        Assert.Empty(result.ActivatedSessions);
    }

    [Fact]
    public void Key_ActivatesAtTheFirstBlockAtOrAfterItsTime_AndItsOutputsCountFromThere()
    {
        var key = Key(activationTime: MedianTime);

        var result = BlockScan.Scan(7, BlockOf(Payment(new TxOut(50_000, Script(AddressKind.External)))), MedianTime, [key], [], Dust);

        Assert.Equal([key.Session], result.ActivatedSessions);
        var marker = Assert.Single(result.Event.ActivatedKeys);
        Assert.Equal(_groupKey, marker.KeyPair.NetworkKey.ToByteArray());
        Assert.Single(result.Event.Outputs);
    }

    [Fact]
    public void KeyWithARequestedHeight_ActivatesThere_WhateverTheTime()
    {
        var key = Key(activationTime: MedianTime.AddDays(1), requestedHeight: 7);

        Assert.Empty(BlockScan.Scan(6, BlockOf(), MedianTime, [key], [], Dust).ActivatedSessions);
        Assert.Equal([key.Session], BlockScan.Scan(7, BlockOf(), MedianTime, [key], [], Dust).ActivatedSessions);
    }

    [Fact]
    public void ActiveKey_IsNotActivatedAgain()
    {
        var key = Key(activationTime: MedianTime) with { ActivationHeight = 3 };

        var result = BlockScan.Scan(7, BlockOf(), MedianTime, [key], [], Dust);

        Assert.Empty(result.ActivatedSessions);
        Assert.Empty(result.Event.ActivatedKeys);
    }

    [Fact]
    public void PlanTransactionInTheBlock_CompletesItsEventuality_OthersStayOpen()
    {
        var planned = Payment(new TxOut(70_000, ScriptPubKeys.PayToTaproot(Bip340.XOnlyPublicKey(RandomNumberGenerator.GetBytes(32)))));
        var seen = new OpenEventuality(RandomNumberGenerator.GetBytes(32), 1, planned.Txid.ToArray());
        var pending = new OpenEventuality(RandomNumberGenerator.GetBytes(32), 1, RandomNumberGenerator.GetBytes(32));

        var result = BlockScan.Scan(7, BlockOf(planned), MedianTime, [], [seen, pending], Dust);

        Assert.Equal([seen.PlanId], result.CompletedPlans);
        var completed = Assert.Single(result.Event.CompletedEventualities);
        Assert.Equal(seen.PlanId, completed.PlanId.ToByteArray());
        Assert.Equal(planned.Txid.ToArray(), completed.Txid.ToByteArray());
    }

    [Fact]
    public void ScannedBlock_CarriesTheBlocksIdentity()
    {
        var block = BlockOf();

        var scanned = BlockScan.Scan(7, block, MedianTime, [], [], Dust).Event;

        Assert.Equal(7ul, scanned.Height);
        Assert.Equal(NetworkId.Bitcoin, scanned.Network);
        Assert.Equal(block.Hash.ToArray(), scanned.Hash.ToByteArray());
        Assert.Equal(block.Header.PreviousBlockHash.ToArray(), scanned.ParentHash.ToByteArray());
        Assert.Equal(MedianTime, scanned.MedianTime.ToDateTimeOffset());
    }

    private BlockScanResult Scan(Block block) => BlockScan.Scan(7, block, MedianTime, [Key(DateTimeOffset.UnixEpoch)], [], Dust);

    private static Output SingleOutput(BlockScanResult result) => Assert.Single(Assert.Single(result.Event.Outputs).Outputs);

    private KeyRow Key(DateTimeOffset activationTime, long? requestedHeight = null) =>
        new(1, RandomNumberGenerator.GetBytes(32), _groupKey, activationTime.UtcDateTime, requestedHeight, null);

    private byte[] Script(AddressKind kind) => AddressKinds.ScriptPubKey(_groupKey, kind);

    private static Transaction Payment(params TxOut[] outputs) => Transaction.Create(
        2, [new TxIn(new OutPoint(new Hash256(RandomNumberGenerator.GetBytes(32)), 0), ReadOnlyMemory<byte>.Empty, TxIn.FinalSequence, Witness.Empty)],
        outputs, 0);

    /// <summary>A block of a coinbase and <paramref name="transactions"/>, serialized and parsed like a node's block.</summary>
    private static Block BlockOf(params Transaction[] transactions) => BlockOf(ScriptPubKeys.NullData([0]), transactions);

    private static Block BlockOf(byte[] coinbaseScript, params Transaction[] transactions)
    {
        var coinbase = Transaction.Create(
            2, [new TxIn(OutPoint.Null, new byte[] { 1, 7 }, TxIn.FinalSequence, Witness.Empty)], [new TxOut(5_000_000_000, coinbaseScript)], 0);
        var header = new byte[BlockHeader.Size];
        RandomNumberGenerator.Fill(header.AsSpan(4, 64)); // previous block hash and merkle root: scanning does not verify them
        byte[] bytes = [.. header, (byte)(transactions.Length + 1), .. coinbase.Serialized.Span, .. transactions.SelectMany(t => t.Serialized.ToArray())];
        return Block.Parse(bytes);
    }
}
