namespace Processor.Serai;

/// <summary>
/// Serai A's greedy split of one block's instructions into Batches (processor/src/main.rs, §2.2): instructions go into the
/// current Batch in order; one that would make it encode to more than <see cref="Batch.MaxEncodedSize"/> bytes starts the
/// next Batch (same network and block, id + 1). The first Batch is returned even when it stays empty.
/// </summary>
public static class BatchSplitter
{
    /// <summary>The Batches for <paramref name="block"/>, the first with id <paramref name="firstId"/>; the next free id is the last's + 1.</summary>
    public static IReadOnlyList<Batch> Split(NetworkId network, BlockHash block, uint firstId, IEnumerable<InInstructionWithBalance> instructions)
    {
        var batches = new List<Batch>();
        var current = new List<InInstructionWithBalance>();
        var id = firstId;
        var instructionsLength = 0;
        foreach (var instruction in instructions)
        {
            var length = instruction.EncodedLength;
            if (EncodedLength(current.Count + 1, instructionsLength + length) > Batch.MaxEncodedSize)
            {
                batches.Add(new Batch(network, id, block, current));
                id = id < uint.MaxValue ? id + 1 : throw new InvalidOperationException("Batch ids are exhausted (u32::MAX used).");
                current = [];
                instructionsLength = 0;
            }

            current.Add(instruction);
            instructionsLength += length;
        }

        batches.Add(new Batch(network, id, block, current));
        return batches;
    }

    private static int EncodedLength(int count, int instructionsLength) =>
        Batch.HeaderLength + Scale.ScaleCompact.EncodedLength((ulong)count) + instructionsLength;
}
