using System.Security.Cryptography;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Plugin;
using Processor.Bitcoin.Rpc;
using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Secp256k1;
using Processor.Embedded;
using Processor.Networks;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Bitcoin.Tests.Plugin;

/// <summary>
/// The Bitcoin plug-in's scan of one block (built here from real serialized transactions whose inputs spend the block's own
/// coinbase, so no node is asked for spent outputs).
/// </summary>
public sealed class BitcoinOutputScannerTests : IDisposable
{
    private const long Dust = BitcoinNetwork.DefaultDustThreshold;

    private readonly byte[] _groupKey = Bip340.XOnlyPublicKey(RandomNumberGenerator.GetBytes(32));
    private readonly BitcoinRpcClient _unusedNode = new(new BitcoinRpcOptions { Url = new Uri($"http://127.0.0.1:{LoopbackPorts.GetFreePort()}/"), MaxAttempts = 1 });

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExternalOutput_TakesTheLastPushOfTheOpReturn_AsItsInstruction()
    {
        var opReturn = (byte[])[ScriptPubKeys.OpReturn, .. ScriptPushes.Push([1, 1]), .. ScriptPushes.Push([7, 8, 9])];
        var (block, payment) = BlockWith(new TxOut(50_000, Script(AddressKind.External)), new TxOut(0, opReturn));

        var output = Assert.Single(await ScanAsync(block));

        Assert.Equal(OutputKind.External, output.Kind);
        Assert.Equal([7, 8, 9], output.Instruction);
        Assert.Equal(payment.Txid.ToArray(), output.Id.TransactionId);
        Assert.Equal(0, output.Id.Index);
        Assert.Equal(50_000ul, output.Amount);
        Assert.Equal(BitcoinOutputScanner.SeraiCoin, output.SeraiCoin);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(513)]
    public async Task InstructionOverTheLimit_IsTruncatedTo512Bytes(int length)
    {
        var data = RandomNumberGenerator.GetBytes(length);
        var (block, _) = BlockWith(new TxOut(50_000, Script(AddressKind.External)), new TxOut(0, ScriptPubKeys.NullData(data)));

        var output = Assert.Single(await ScanAsync(block));

        Assert.Equal(data[..512], output.Instruction);
    }

    [Fact]
    public async Task ExternalOutputsUnderDust_AreIgnored_ButOurOwnSmallChangeIsKept()
    {
        var (block, _) = BlockWith(
            new TxOut(Dust - 1, Script(AddressKind.External)),
            new TxOut(Dust, Script(AddressKind.External)),
            new TxOut(546, Script(AddressKind.Change)));

        var outputs = await ScanAsync(block);

        Assert.Equal([(OutputKind.External, (ulong)Dust), (OutputKind.Change, 546ul)], outputs.Select(o => (o.Kind, o.Amount)));
    }

    [Fact]
    public async Task EveryAddressKind_IsRecognized_AndOnlyExternalOutputsTakeInstructions()
    {
        var (block, _) = BlockWith(
            new TxOut(20_000, Script(AddressKind.Branch)),
            new TxOut(30_000, Script(AddressKind.Change)),
            new TxOut(40_000, Script(AddressKind.Forwarded)),
            new TxOut(50_000, Script(AddressKind.External)),
            new TxOut(60_000, ScriptPubKeys.PayToTaproot(Bip340.XOnlyPublicKey(RandomNumberGenerator.GetBytes(32)))),
            new TxOut(0, ScriptPubKeys.NullData([0x20])));

        var outputs = await ScanAsync(block);

        Assert.Equal(
            [(OutputKind.Branch, 0, 0), (OutputKind.Change, 1, 0), (OutputKind.Forwarded, 2, 0), (OutputKind.External, 3, 1)],
            outputs.Select(o => (o.Kind, o.Id.Index, o.Instruction.Length)));
    }

    [Fact]
    public async Task CoinbaseOutputs_AreNotDeposits()
    {
        var block = Block(Script(AddressKind.External));

        Assert.Empty(await ScanAsync(block));
    }

    [Fact]
    public async Task ExternalOutput_PresumedOrigin_IsTheFirstSpentOutputSeraiCanName()
    {
        var program = RandomNumberGenerator.GetBytes(20);
        var (block, _) = BlockWith(ScriptPubKeys.PayToWitness(0, program), new TxOut(50_000, Script(AddressKind.External)));

        var output = Assert.Single(await ScanAsync(block));

        Assert.Equal([2, .. program], output.PresumedOrigin);
    }

    [Fact]
    public async Task OutputsOfOneKey_DoNotDependOnTheOtherKeysScanned()
    {
        var otherKey = Bip340.XOnlyPublicKey(RandomNumberGenerator.GetBytes(32));
        var (block, _) = BlockWith(
            new TxOut(20_000, AddressKinds.ScriptPubKey(otherKey, AddressKind.External)), new TxOut(30_000, Script(AddressKind.External)));
        var scanner = new BitcoinOutputScanner(_unusedNode, BitcoinNetwork.LitecoinRegtest);

        var alone = await scanner.ScanAsync(block, [_groupKey], Cancel);
        var together = await scanner.ScanAsync(block, [otherKey, _groupKey], Cancel);

        Assert.Equal(alone.Select(o => o with { KeyIndex = 1 }), together.Where(o => o.KeyIndex == 1), new OutputComparer());
        Assert.Equal(0, Assert.Single(together, o => o.KeyIndex == 0).Id.Index);
    }

    [Fact]
    public void PlanTransactionInTheBlock_CompletesItsEventuality_OthersStayOpen()
    {
        var (block, payment) = BlockWith(new TxOut(70_000, ScriptPubKeys.PayToTaproot(Bip340.XOnlyPublicKey(RandomNumberGenerator.GetBytes(32)))));

        var completions = new BitcoinEventualities().FindCompletions(block, [RandomNumberGenerator.GetBytes(32), payment.Txid.ToArray()]);

        var completion = Assert.Single(completions);
        Assert.Equal(1, completion.EventualityIndex);
        Assert.Equal(payment.Txid.ToArray(), completion.TransactionId);
    }

    public void Dispose() => _unusedNode.Dispose();

    private Task<IReadOnlyList<ReceivedOutput>> ScanAsync(BitcoinBlock block) =>
        new BitcoinOutputScanner(_unusedNode, BitcoinNetwork.LitecoinRegtest).ScanAsync(block, [_groupKey], Cancel);

    private byte[] Script(AddressKind kind) => AddressKinds.ScriptPubKey(_groupKey, kind);

    private static (BitcoinBlock Block, Transaction Payment) BlockWith(params TxOut[] outputs) =>
        BlockWith(ScriptPubKeys.NullData([0]), outputs);

    /// <summary>A block whose second transaction pays <paramref name="outputs"/>, spending the coinbase (which pays <paramref name="coinbaseScript"/>).</summary>
    private static (BitcoinBlock Block, Transaction Payment) BlockWith(byte[] coinbaseScript, params TxOut[] outputs)
    {
        var coinbase = Coinbase(coinbaseScript);
        var payment = Transaction.Create(
            2, [new TxIn(new OutPoint(coinbase.Txid, 0), ReadOnlyMemory<byte>.Empty, TxIn.FinalSequence, Witness.Empty)], outputs, 0);
        return (Serialize(coinbase, payment), payment);
    }

    private static BitcoinBlock Block(byte[] coinbaseScript) => Serialize(Coinbase(coinbaseScript));

    private static Transaction Coinbase(byte[] script) => Transaction.Create(
        2, [new TxIn(OutPoint.Null, new byte[] { 1, 7 }, TxIn.FinalSequence, Witness.Empty)], [new TxOut(5_000_000_000, script)], 0);

    /// <summary>The transactions serialized in a block and parsed like a node's block.</summary>
    private static BitcoinBlock Serialize(params Transaction[] transactions)
    {
        var header = new byte[BlockHeader.Size];
        RandomNumberGenerator.Fill(header.AsSpan(4, 64)); // previous block hash and merkle root: scanning does not verify them
        var block = global::Processor.Bitcoin.Blocks.Block.Parse((byte[])[.. header, (byte)transactions.Length, .. transactions.SelectMany(t => t.Serialized.ToArray())]);
        var chain = new ChainBlock(7, block.Hash.ToArray(), block.Header.PreviousBlockHash.ToArray(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return new BitcoinBlock(chain, block);
    }

    private sealed class OutputComparer : IEqualityComparer<ReceivedOutput>
    {
        public bool Equals(ReceivedOutput? x, ReceivedOutput? y) =>
            x is not null && y is not null && x.KeyIndex == y.KeyIndex && x.Kind == y.Kind && x.Amount == y.Amount
            && x.Id.TransactionId.AsSpan().SequenceEqual(y.Id.TransactionId) && x.Id.Index == y.Id.Index
            && x.Instruction.AsSpan().SequenceEqual(y.Instruction) && x.PresumedOrigin.AsSpan().SequenceEqual(y.PresumedOrigin);

        public int GetHashCode(ReceivedOutput obj) => obj.Id.Index;
    }
}
