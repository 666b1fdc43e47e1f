using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Scanning;
using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Tests.Scanning;

/// <summary>The instruction of a deposit: the last (minimal) push of the first OP_RETURN output that ends with one, at most 512 bytes.</summary>
public sealed class ExternalInstructionTests
{
    private static readonly TxOut Deposit = new(100_000, ScriptPubKeys.PayToTaproot(new byte[32]));

    [Fact]
    public void NoOpReturn_HasNoInstruction()
    {
        var instruction = ExternalInstruction.Find(With(Deposit));

        Assert.Equal(InstructionStatus.None, instruction.Status);
        Assert.Equal(-1, instruction.OutputIndex);
    }

    [Fact]
    public void OpReturnWithOnePush_IsTheInstruction()
    {
        var instruction = ExternalInstruction.Find(With(Deposit, new TxOut(0, ScriptPubKeys.NullData("swap"u8))));

        Assert.Equal(InstructionStatus.Found, instruction.Status);
        Assert.Equal("swap"u8.ToArray(), instruction.Data.ToArray());
        Assert.Equal(1, instruction.OutputIndex);
    }

    [Fact]
    public void OpReturnWithSeveralPushes_UsesTheLast()
    {
        byte[] script = [0x6a, 0x01, 0xaa, 0x02, 0xbb, 0xcc];

        var instruction = ExternalInstruction.Find(With(Deposit, new TxOut(0, script)));

        Assert.Equal([0xbb, 0xcc], instruction.Data.ToArray());
    }

    [Fact]
    public void FirstOpReturnEndingWithAnOpcodeOrMalformed_IsPassedOverForTheNextOne()
    {
        byte[] endsWithOpcode = [0x6a, 0x01, 0xaa, 0x51];
        byte[] pushPastTheEnd = [0x6a, 0x05, 0xaa];

        var instruction = ExternalInstruction.Find(
            With(new TxOut(0, endsWithOpcode), new TxOut(0, pushPastTheEnd), Deposit, new TxOut(0, ScriptPubKeys.NullData([7, 7]))));

        Assert.Equal(InstructionStatus.Found, instruction.Status);
        Assert.Equal(3, instruction.OutputIndex);
        Assert.Equal([7, 7], instruction.Data.ToArray());
    }

    [Fact]
    public void EmptyPush_IsAnEmptyInstruction()
    {
        var instruction = ExternalInstruction.Find(With(Deposit, new TxOut(0, (byte[])[0x6a, 0x00])));

        Assert.Equal(InstructionStatus.Found, instruction.Status);
        Assert.True(instruction.Data.IsEmpty);
    }

    [Theory]
    [InlineData(512, 512)]
    [InlineData(513, 512)]
    [InlineData(1000, 512)]
    public void DataOver512Bytes_IsTruncatedTo512(int length, int expected)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        var instruction = ExternalInstruction.Find(With(Deposit, new TxOut(0, ScriptPubKeys.NullData(data))));

        Assert.Equal(InstructionStatus.Found, instruction.Status);
        Assert.Equal(data[..expected], instruction.Data.ToArray());
    }

    public static TheoryData<string> OpReturnExtractionCases() =>
        [.. OpReturnExtraction.EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    /// <summary>shorthand.json's op_return_extraction: which push of which OP_RETURN output is the data (minimal-push rules).</summary>
    [Theory]
    [MemberData(nameof(OpReturnExtractionCases))]
    public void OpReturnExtraction_FindsTheVectorsData(string name)
    {
        var vector = OpReturnExtraction.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var outputs = vector.GetProperty("output_scripts_hex").EnumerateArray().Select(s => new TxOut(0, Convert.FromHexString(s.GetString()!)));

        var instruction = ExternalInstruction.Find(With([.. outputs]));

        var expected = vector.GetProperty("expected_data_hex").GetString()!;
        Assert.Equal(expected[..Math.Min(expected.Length, 2 * ExternalInstruction.MaxLength)], Convert.ToHexStringLower(instruction.Data.Span));
    }

    private static System.Text.Json.JsonElement OpReturnExtraction =>
        Processor.Testing.RepositoryPaths.VectorJson("serai/shorthand.json").GetProperty("op_return_extraction").GetProperty("cases");

    private static Transaction With(params TxOut[] outputs) => Transaction.Create(
        2, [new TxIn(new OutPoint(BitcoinHashes.Sha256([9]), 0), ReadOnlyMemory<byte>.Empty, TxIn.FinalSequence, Witness.Empty)], outputs, 0);
}
