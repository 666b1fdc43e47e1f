using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>A transaction input (<c>txin_v</c>): a coinbase (<see cref="GenerationInput"/>) or a ring spend (<see cref="KeyInput"/>).</summary>
public abstract record TransactionInput
{
    private const byte GenerationTag = 0xFF;
    private const byte KeyTag = 0x02;

    private protected TransactionInput()
    {
    }

    internal static TransactionInput Read(ref MoneroReader reader, int index)
    {
        var tag = reader.ReadByte($"input {index} type");
        switch (tag)
        {
            case GenerationTag:
                return new GenerationInput(reader.ReadVarint($"input {index} height"));
            case KeyTag:
                var amount = reader.ReadVarint($"input {index} amount");
                var count = reader.ReadCount($"input {index} ring size", 1);
                var offsets = new ulong[count];
                for (var i = 0; i < count; i++)
                {
                    offsets[i] = reader.ReadVarint($"input {index} key offset {i}");
                }

                return new KeyInput(amount, offsets, new RctKey(reader.Read32($"input {index} key image")));
            default:
                throw new MoneroFormatException($"Unknown input type 0x{tag:x2} for input {index} (0xff coinbase and 0x02 key are known).");
        }
    }

    internal abstract void Write(MoneroWriter writer);

    internal static void WriteGeneration(MoneroWriter writer, ulong height) => writer.WriteByte(GenerationTag).WriteVarint(height);

    internal static void WriteKey(MoneroWriter writer, KeyInput input)
    {
        writer.WriteByte(KeyTag).WriteVarint(input.Amount).WriteVarint((ulong)input.KeyOffsets.Count);
        foreach (var offset in input.KeyOffsets)
        {
            writer.WriteVarint(offset);
        }

        writer.WriteBytes(input.KeyImage.Bytes);
    }
}

/// <summary>The coinbase input (<c>txin_gen</c>): the height of the block that mints.</summary>
public sealed record GenerationInput(ulong Height) : TransactionInput
{
    internal override void Write(MoneroWriter writer) => WriteGeneration(writer, Height);
}

/// <summary>
/// A spend (<c>txin_to_key</c>): the amount (0 under RingCT), the ring as relative global output indices (the first absolute,
/// each next one the difference to its predecessor) and the key image.
/// </summary>
public sealed record KeyInput(ulong Amount, IReadOnlyList<ulong> KeyOffsets, RctKey KeyImage) : TransactionInput
{
    /// <summary>The ring size.</summary>
    public int RingSize => KeyOffsets.Count;

    /// <summary>The ring members' absolute global output indices (running sums of <see cref="KeyOffsets"/>).</summary>
    public IReadOnlyList<ulong> AbsoluteOffsets()
    {
        var absolute = new ulong[KeyOffsets.Count];
        ulong sum = 0;
        for (var i = 0; i < absolute.Length; i++)
        {
            sum = checked(sum + KeyOffsets[i]);
            absolute[i] = sum;
        }

        return absolute;
    }

    internal override void Write(MoneroWriter writer) => WriteKey(writer, this);
}
