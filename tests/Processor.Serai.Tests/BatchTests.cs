using System.Text.Json;
using Google.Protobuf;
using Processor.Serai.Contracts;
using Processor.Serai.Scale;

namespace Processor.Serai.Tests;

/// <summary>Batches against <c>batches.json</c>: SCALE both ways, batch_message, the size limit, Bitcoin's block-hash order and splitting.</summary>
public sealed class BatchTests
{
    private static readonly JsonElement Vectors = SeraiVectors.Load("batches.json");

    public static TheoryData<string> BatchNames() => SeraiVectors.Names(Vectors.GetProperty("batches"));

    public static TheoryData<string> ListedBatchNames() =>
        [.. Vectors.GetProperty("batches").EnumerateArray().Where(b => b.TryGetProperty("encoded_hex", out _)).Select(b => b.Text("name"))];

    public static TheoryData<string> SplittingNames() => SeraiVectors.Names(Vectors.GetProperty("splitting").GetProperty("cases"));

    [Theory]
    [MemberData(nameof(BatchNames))]
    public void Encode_IsTheVectorsBytes(string name)
    {
        var vector = Vectors.GetProperty("batches").Named(name);

        var encoded = BatchOf(vector).Encode();

        Assert.Equal(vector.GetProperty("encoded_len").GetInt32(), encoded.Length);
        Assert.Equal(vector.Text("encoded_sha256"), SeraiVectors.Sha256Hex(encoded));
        if (vector.TryGetProperty("encoded_hex", out var hex))
        {
            Assert.Equal(hex.GetString(), Convert.ToHexStringLower(encoded));
        }
    }

    [Theory]
    [MemberData(nameof(ListedBatchNames))]
    public void Decode_GivesBackTheBatch(string name)
    {
        var vector = Vectors.GetProperty("batches").Named(name);

        var decoded = Batch.Decode(vector.GetProperty("encoded_hex").Hex());

        Assert.Equal(BatchOf(vector), decoded);
    }

    [Theory]
    [MemberData(nameof(BatchNames))]
    public void BatchMessage_IsThePrefixThenTheEncoding(string name)
    {
        var vector = Vectors.GetProperty("batches").Named(name);

        var message = BatchMessage.Of(BatchOf(vector));

        Assert.Equal(vector.GetProperty("batch_message_len").GetInt32(), message.Length);
        Assert.Equal(vector.Text("batch_message_sha256"), SeraiVectors.Sha256Hex(message));
        Assert.Equal(Vectors.GetProperty("constants").Text("batch_message_prefix_hex"), Convert.ToHexStringLower(message[..20]));
    }

    [Theory]
    [MemberData(nameof(BatchNames))]
    public void SizeLimit_AcceptsUpTo25000Bytes(string name)
    {
        var vector = Vectors.GetProperty("batches").Named(name);
        var batch = BatchOf(vector);

        Assert.Equal(vector.GetProperty("within_max_batch_size").GetBoolean(), batch.FitsMaxEncodedSize);
        Assert.Equal(vector.GetProperty("encoded_len").GetInt32(), batch.EncodedLength);
    }

    [Fact]
    public void BitcoinBlockHash_IsInDisplayOrderInTheBatch()
    {
        var order = Vectors.GetProperty("block_hash_order");
        var internalOrder = System.Security.Cryptography.SHA256.HashData(System.Security.Cryptography.SHA256.HashData(order.GetProperty("header_hex").Hex()));
        var contract = new Processor.Contracts.Coordinator.V1.Batch
        {
            Network = Processor.Contracts.Common.V1.NetworkId.Bitcoin,
            ExternalBlockHash = ByteString.CopyFrom(internalOrder),
        };

        var batch = ContractBatches.ToSerai(contract);

        Assert.Equal(order.Text("sha256d_internal_order_hex"), Convert.ToHexStringLower(internalOrder));
        Assert.Equal(order.Text("batch_block_field_hex"), batch.Block.ToString());
    }

    [Theory]
    [MemberData(nameof(SplittingNames))]
    public void Split_FillsEachBatchGreedilyUpTo25000Bytes(string name)
    {
        var vector = Vectors.GetProperty("splitting").GetProperty("cases").Named(name);
        var instructions = BatchVectorRules.Instructions(name);
        Assert.Equal(vector.Text("first_instruction_encoded_hex"), EncodedHex(instructions[0]));
        Assert.Equal(vector.Text("last_instruction_encoded_hex"), EncodedHex(instructions[^1]));

        var batches = BatchSplitter.Split(
            Enum.Parse<NetworkId>(vector.Text("network")), new BlockHash(vector.GetProperty("block").Hex()), vector.GetProperty("start_id").GetUInt32(), instructions);

        var expected = vector.GetProperty("expected_batches").EnumerateArray().ToList();
        Assert.Equal(expected.Count, batches.Count);
        foreach (var (batch, want) in batches.Zip(expected))
        {
            var encoded = batch.Encode();
            Assert.Equal(want.GetProperty("id").GetUInt32(), batch.Id);
            Assert.Equal(want.GetProperty("instruction_count").GetInt32(), batch.Instructions.Count);
            Assert.Equal(want.GetProperty("encoded_len").GetInt32(), encoded.Length);
            Assert.Equal(want.Text("encoded_sha256"), SeraiVectors.Sha256Hex(encoded));
        }

        Assert.Equal(vector.GetProperty("next_batch_id").GetUInt32(), batches[^1].Id + 1);
    }

    [Fact]
    public void Split_OfNoInstructions_IsOneEmptyBatch()
    {
        var block = new BlockHash(new byte[32]);

        var batch = Assert.Single(BatchSplitter.Split(NetworkId.Bitcoin, block, 5, []));

        Assert.Equal(new Batch(NetworkId.Bitcoin, 5, block, []), batch);
    }

    [Fact]
    public void Decode_WithBytesAfterTheBatch_IsRejected()
    {
        byte[] encoded = [.. Vectors.GetProperty("batches").Named("empty").GetProperty("encoded_hex").Hex(), 0];

        var error = Assert.Throws<ScaleDecodingException>(() => Batch.Decode(encoded));

        Assert.Equal("1 byte(s) left over after the Batch at offset 38", error.Message);
    }

    [Fact]
    public void Decode_WithAnUndeclaredNetwork_IsRejected()
    {
        var encoded = Vectors.GetProperty("batches").Named("empty").GetProperty("encoded_hex").Hex();
        encoded[0] = 4;

        var error = Assert.Throws<ScaleDecodingException>(() => Batch.Decode(encoded));

        Assert.Equal("invalid NetworkId variant index 4 at offset 0", error.Message);
    }

    private static Batch BatchOf(JsonElement vector)
    {
        if (vector.TryGetProperty("batch", out var batch))
        {
            return new Batch(
                Enum.Parse<NetworkId>(batch.Text("network")), batch.GetProperty("id").GetUInt32(), new BlockHash(batch.GetProperty("block").Hex()),
                [.. batch.GetProperty("instructions").EnumerateArray().Select(i =>
                    new InInstructionWithBalance(SeraiVectors.InInstruction(i.GetProperty("instruction")), SeraiVectors.Balance(i.GetProperty("balance"))))]);
        }

        var rule = vector.GetProperty("batch_rule");
        var instructions = BatchVectorRules.Instructions(vector.Text("name"));
        Assert.Equal(rule.GetProperty("instruction_count").GetInt32(), instructions.Count);
        return new Batch(Enum.Parse<NetworkId>(rule.Text("network")), rule.GetProperty("id").GetUInt32(), new BlockHash(rule.GetProperty("block").Hex()), instructions);
    }

    private static string EncodedHex(InInstructionWithBalance instruction)
    {
        var writer = new ScaleWriter();
        instruction.WriteTo(writer);
        return Convert.ToHexStringLower(writer.ToArray());
    }
}
