using System.Buffers.Binary;
using Processor.Monero.Crypto;
using Processor.Monero.Sending;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// A Monero output's spend data (<see cref="ReceivedOutput.SpendData"/>, the contract's <c>spend_data</c>): what a plan
/// needs to spend it besides its id. Version byte 1, the one-time key (32 bytes), the global output index and the amount
/// (u64 little-endian each), the commitment mask and the key offset (32-byte scalars). The mask and the offset follow from
/// Serai's shared view key: they reveal nothing that key does not, and nothing of the spend key.
/// </summary>
public static class MoneroSpendData
{
    /// <summary>The encoding's version byte.</summary>
    public const byte Version = 1;

    /// <summary>Bytes of the encoding.</summary>
    public const int Length = 1 + EdwardsPoint.Length + 8 + 8 + 32 + 32;

    /// <summary>The spend data of <paramref name="output"/>.</summary>
    public static byte[] Encode(SpendableOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = new byte[Length];
        bytes[0] = Version;
        output.Key.Encoding.CopyTo(bytes.AsSpan(1));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(33), output.GlobalIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(41), output.Amount);
        output.CommitmentMask.Serialize().CopyTo(bytes.AsSpan(49));
        output.KeyOffset.Serialize().CopyTo(bytes.AsSpan(81));
        return bytes;
    }

    /// <summary>The output <paramref name="spendData"/> describes.</summary>
    /// <exception cref="FormatException">Not this encoding: wrong length or version, a key that is no torsion-free point, a non-canonical scalar.</exception>
    public static SpendableOutput Decode(ReadOnlySpan<byte> spendData)
    {
        if (spendData.Length != Length || spendData[0] != Version)
        {
            throw new FormatException($"Monero spend data is {Length} bytes starting with version {Version}, not {spendData.Length} bytes starting with {(spendData.IsEmpty ? "nothing" : spendData[0])}.");
        }

        if (!EdwardsPoint.TryDecode(spendData.Slice(1, EdwardsPoint.Length), out var key) || !key.IsTorsionFree || key.IsIdentity)
        {
            throw new FormatException("Monero spend data's one-time key is not a torsion-free point.");
        }

        if (!MoneroScalars.IsCanonical(spendData.Slice(49, 32)) || !MoneroScalars.IsCanonical(spendData.Slice(81, 32)))
        {
            throw new FormatException("Monero spend data's commitment mask or key offset is not a canonical scalar.");
        }

        return new SpendableOutput(
            key,
            BinaryPrimitives.ReadUInt64LittleEndian(spendData.Slice(33, 8)),
            BinaryPrimitives.ReadUInt64LittleEndian(spendData.Slice(41, 8)),
            MoneroScalars.Decode(spendData.Slice(49, 32), "commitment mask"),
            MoneroScalars.Decode(spendData.Slice(81, 32), "key offset"));
    }
}
