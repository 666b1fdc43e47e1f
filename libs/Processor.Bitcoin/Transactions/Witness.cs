using Processor.Bitcoin.Serialization;

namespace Processor.Bitcoin.Transactions;

/// <summary>
/// The witness stack of one input, kept in its serialized form (item count, then length-prefixed items) so that parsing
/// a block allocates nothing per item, even for witnesses with hundreds of thousands of items. Enumerate it with
/// <c>foreach</c> or copy the items out with <see cref="ToArray"/>.
/// </summary>
public readonly struct Witness
{
    internal Witness(ReadOnlyMemory<byte> serialized, int count)
    {
        Serialized = serialized;
        Count = count;
    }

    /// <summary>No items (the witness of a non-segwit input).</summary>
    public static Witness Empty => default;

    /// <summary>Number of stack items.</summary>
    public int Count { get; }

    public bool IsEmpty => Count == 0;

    /// <summary>The serialized form (CompactSize count, then each item with a CompactSize length); empty for <see cref="Empty"/>.</summary>
    public ReadOnlyMemory<byte> Serialized { get; }

    /// <summary>A witness of the given items, in stack order (as serialized).</summary>
    public static Witness Create(params IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        if (items.Count == 0)
        {
            return Empty;
        }

        var writer = new BitcoinWriter();
        writer.WriteCompactSize((ulong)items.Count);
        foreach (var item in items)
        {
            writer.WriteVarBytes(item.Span);
        }

        return new Witness(writer.ToArray(), items.Count);
    }

    public ReadOnlyMemory<byte>[] ToArray()
    {
        var items = new ReadOnlyMemory<byte>[Count];
        var i = 0;
        foreach (var item in this)
        {
            items[i++] = item;
        }

        return items;
    }

    public Enumerator GetEnumerator() => new(this);

    internal void WriteTo(BitcoinWriter writer)
    {
        if (IsEmpty)
        {
            writer.WriteCompactSize(0);
        }
        else
        {
            writer.WriteBytes(Serialized.Span);
        }
    }

    /// <summary>Reads one input's witness, checking every length against the remaining bytes.</summary>
    internal static Witness Read(ref BitcoinReader reader)
    {
        var start = reader.Position;
        var count = reader.ReadLength("witness item count", 1);
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadLength("witness item", 1);
            reader.Position += length;
        }

        return count == 0 ? Empty : new Witness(reader.Memory[start..reader.Position], count);
    }

    /// <summary>Walks the items of a witness that has already been validated.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlyMemory<byte> _serialized;
        private int _position;
        private int _left;

        internal Enumerator(Witness witness)
        {
            _serialized = witness.Serialized;
            _left = witness.Count;
            _position = witness.IsEmpty ? 0 : CompactSize.SizeOf((ulong)witness.Count);
        }

        public ReadOnlyMemory<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (_left == 0)
            {
                return false;
            }

            var reader = new BitcoinReader(_serialized) { Position = _position };
            Current = reader.ReadVarBytes("witness item");
            _position = reader.Position;
            _left--;
            return true;
        }
    }
}
