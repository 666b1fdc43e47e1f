using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>
/// The RingCT base (<c>rctSigBase</c> as serialized): the type, and for non-null types the fee, each output's 8-byte
/// encrypted amount and its commitment (outPk). Pseudo-outs are in the prunable part for the types parsed here.
/// </summary>
public sealed record RctBase(RctType Type, ulong Fee, IReadOnlyList<byte[]> EncryptedAmounts, IReadOnlyList<RctKey> OutputCommitments)
{
    /// <summary>The serialization (hashed into the txid and the signature hash).</summary>
    public byte[] Serialize()
    {
        var writer = new MoneroWriter();
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>Keccak of the serialization.</summary>
    public byte[] Hash() => MoneroHash.Keccak(Serialize());

    internal static RctBase Read(ref MoneroReader reader, int outputCount)
    {
        var typeByte = reader.ReadByte("RingCT type");
        var type = (RctType)typeByte;
        if (type == RctType.Null)
        {
            return new RctBase(type, 0, [], []);
        }

        if (type is not (RctType.Clsag or RctType.BulletproofPlus))
        {
            throw new MoneroFormatException(
                $"Unsupported RingCT type {typeByte}: only 0 (coinbase), 5 (CLSAG + Bulletproofs) and 6 (CLSAG + Bulletproofs+) are parsed.");
        }

        var fee = reader.ReadVarint("RingCT fee");
        var amounts = new byte[outputCount][];
        for (var i = 0; i < outputCount; i++)
        {
            amounts[i] = reader.ReadBytes(8, $"encrypted amount {i}");
        }

        var commitments = new RctKey[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            commitments[i] = new RctKey(reader.Read32($"output commitment {i}"));
        }

        return new RctBase(type, fee, amounts, commitments);
    }

    internal void Write(MoneroWriter writer)
    {
        writer.WriteByte((byte)Type);
        if (Type == RctType.Null)
        {
            return;
        }

        writer.WriteVarint(Fee);
        foreach (var amount in EncryptedAmounts)
        {
            writer.WriteBytes(amount);
        }

        foreach (var commitment in OutputCommitments)
        {
            writer.WriteBytes(commitment.Bytes);
        }
    }
}
