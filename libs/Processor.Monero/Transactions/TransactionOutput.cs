using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>
/// A transaction output: the amount (0 under RingCT, where the commitment and encrypted amount are in the RCT base), the
/// one-time key, and, for <c>txout_to_tagged_key</c> (hard fork 15 on), the view tag.
/// </summary>
public sealed record TransactionOutput(ulong Amount, RctKey Key, byte? ViewTag)
{
    private const byte KeyTag = 0x02;
    private const byte TaggedKeyTag = 0x03;

    internal static TransactionOutput Read(ref MoneroReader reader, int index)
    {
        var amount = reader.ReadVarint($"output {index} amount");
        var tag = reader.ReadByte($"output {index} type");
        return tag switch
        {
            KeyTag => new TransactionOutput(amount, new RctKey(reader.Read32($"output {index} key")), null),
            TaggedKeyTag => new TransactionOutput(amount, new RctKey(reader.Read32($"output {index} key")), reader.ReadByte($"output {index} view tag")),
            _ => throw new MoneroFormatException($"Unknown output type 0x{tag:x2} for output {index} (0x02 key and 0x03 tagged key are known)."),
        };
    }

    internal void Write(MoneroWriter writer)
    {
        writer.WriteVarint(Amount).WriteByte(ViewTag is null ? KeyTag : TaggedKeyTag).WriteBytes(Key.Bytes);
        if (ViewTag is { } viewTag)
        {
            writer.WriteByte(viewTag);
        }
    }
}
