using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>
/// Serai's <c>Batch</c> (revision A): <c>network ‖ id (u32) ‖ block (32) ‖ Vec&lt;InInstructionWithBalance&gt;</c>, what a
/// validator set signs about an external block (serai-chain-formats.md §2).
/// </summary>
public sealed record Batch(NetworkId Network, uint Id, BlockHash Block, IReadOnlyList<InInstructionWithBalance> Instructions)
{
    /// <summary>Serai's <c>MAX_BATCH_SIZE</c>: a Batch whose encoding is longer is rejected by the chain (exactly this many is allowed).</summary>
    public const int MaxEncodedSize = 25_000;

    /// <summary>network (1) + id (4) + block (32), before the instructions' compact count.</summary>
    public const int HeaderLength = 1 + 4 + BlockHash.Size;

    /// <summary>Length of <see cref="Encode"/>'s result, computed without encoding.</summary>
    public int EncodedLength => HeaderLength + ScaleCompact.EncodedLength((ulong)Instructions.Count) + Instructions.Sum(i => i.EncodedLength);

    /// <summary>Whether Serai's chain accepts a Batch of this size.</summary>
    public bool FitsMaxEncodedSize => EncodedLength <= MaxEncodedSize;

    /// <summary>SCALE(<c>Batch</c>).</summary>
    public byte[] Encode()
    {
        var writer = new ScaleWriter();
        writer.Write(Network);
        writer.WriteU32(Id);
        Block.WriteTo(writer);
        writer.WriteCompact((ulong)Instructions.Count);
        foreach (var instruction in Instructions)
        {
            instruction.WriteTo(writer);
        }

        return writer.ToArray();
    }

    /// <summary>Decodes exactly one Batch (<c>decode_all</c>), strictly.</summary>
    public static Batch Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new ScaleReader(encoded);
        var network = reader.ReadNetworkId();
        var id = reader.ReadU32();
        var block = BlockHash.Read(ref reader);
        var count = reader.ReadCompactU32();
        // The count is untrusted: the list grows as instructions actually decode, so a huge count cannot allocate.
        var instructions = new List<InInstructionWithBalance>();
        for (var i = 0u; i < count; i++)
        {
            instructions.Add(InInstructionWithBalance.Read(ref reader));
        }

        reader.EnsureEnd(nameof(Batch));
        return new Batch(network, id, block, instructions);
    }

    public bool Equals(Batch? other) =>
        other is not null && Network == other.Network && Id == other.Id && Block.Equals(other.Block) && Instructions.SequenceEqual(other.Instructions);

    public override int GetHashCode() => HashCode.Combine(Network, Id, Block, Instructions.Count);
}
