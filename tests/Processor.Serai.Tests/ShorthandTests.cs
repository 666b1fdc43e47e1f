using System.Text.Json;
using Processor.Serai.Scale;

namespace Processor.Serai.Tests;

/// <summary><see cref="Shorthand.Decode"/> against all 23 blobs of <c>shorthand.json</c>: instruction, unsupported or rejected with its reason.</summary>
public sealed class ShorthandTests
{
    private static readonly JsonElement Cases = SeraiVectors.Load("shorthand.json").GetProperty("cases");

    public static TheoryData<string> CaseNames() => SeraiVectors.Names(Cases);

    public static TheoryData<string> DecodingCaseNames() =>
        [.. Cases.EnumerateArray().Where(c => c.GetProperty("expected").Text("result") != "reject").Select(c => c.Text("name"))];

    public static TheoryData<string> InstructionCaseNames() =>
        [.. Cases.EnumerateArray().Where(c => c.GetProperty("expected").Text("result") == "instruction").Select(c => c.Text("name"))];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decode_GivesTheExpectedOutcomeAndReason(string name)
    {
        var vector = Cases.Named(name);
        var expected = vector.GetProperty("expected");

        var decoding = Shorthand.Decode(vector.GetProperty("data_hex").Hex());

        switch (expected.Text("result"))
        {
            case "instruction":
                Assert.Equal(ShorthandOutcome.Instruction, decoding.Outcome);
                Assert.Null(decoding.Reason);
                break;
            case "unsupported":
                Assert.Equal(ShorthandOutcome.Unsupported, decoding.Outcome);
                Assert.Null(decoding.Instruction);
                Assert.Equal(ShorthandDecoding.UnsupportedReason, decoding.Reason);
                break;
            default:
                Assert.Equal(ShorthandOutcome.Rejected, decoding.Outcome);
                Assert.Null(decoding.Shorthand);
                Assert.Equal(expected.Text("reason"), decoding.Reason);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(DecodingCaseNames))]
    public void Decode_ReadsOnlyTheShorthandsPrefix_AndGivesItsOrigin(string name)
    {
        var vector = Cases.Named(name);
        var expected = vector.GetProperty("expected");
        var data = vector.GetProperty("data_hex").Hex();

        var decoding = Shorthand.Decode(data);

        Assert.Equal(expected.GetProperty("consumed").GetInt32(), decoding.Consumed);
        Assert.Equal(Convert.ToHexStringLower(data[..decoding.Consumed]), Convert.ToHexStringLower(decoding.Shorthand!.Encode()));
        Assert.Equal(ExpectedOrigin(expected), decoding.Origin?.ToString());
    }

    [Theory]
    [MemberData(nameof(InstructionCaseNames))]
    public void ReportedInstruction_EncodesAsTheVectorSays(string name)
    {
        var expected = Cases.Named(name).GetProperty("expected");
        var example = expected.GetProperty("example_in_instruction_with_balance");

        var instruction = Shorthand.Decode(Cases.Named(name).GetProperty("data_hex").Hex()).Instruction!;

        Assert.Equal(expected.Text("in_instruction_hex"), Convert.ToHexStringLower(instruction.Encode()));
        var writer = new ScaleWriter();
        new InInstructionWithBalance(instruction, SeraiVectors.Balance(example.GetProperty("balance"))).WriteTo(writer);
        Assert.Equal(example.Text("encoded_hex"), Convert.ToHexStringLower(writer.ToArray()));
    }

    // Every variant of the vector's shorthand shape names its origin (null when it has none).
    private static string? ExpectedOrigin(JsonElement expected)
    {
        var variant = expected.GetProperty("shorthand").EnumerateObject().Single().Value;
        return variant.GetProperty("origin").GetString();
    }
}
