using Processor.Monero.Serialization;

namespace Processor.Monero.Blocks;

/// <summary>A block header: major and minor version (hard fork), timestamp, previous block id, and the 4-byte nonce.</summary>
public sealed record BlockHeader(ulong MajorVersion, ulong MinorVersion, ulong Timestamp, byte[] PreviousId, uint Nonce)
{
    internal static BlockHeader Read(ref MoneroReader reader) => new(
        reader.ReadVarint("block major version"),
        reader.ReadVarint("block minor version"),
        reader.ReadVarint("block timestamp"),
        reader.Read32("previous block id"),
        reader.ReadUInt32LittleEndian("block nonce"));

    internal void Write(MoneroWriter writer) =>
        writer.WriteVarint(MajorVersion).WriteVarint(MinorVersion).WriteVarint(Timestamp).WriteBytes(PreviousId).WriteUInt32LittleEndian(Nonce);
}
