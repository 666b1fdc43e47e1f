using System.Buffers.Binary;
using Processor.Crypto.Groups;

namespace Processor.Monero.Multisig;

/// <summary>The pieces of the threshold CLSAG messages' wire form (ours: every signer is this code).</summary>
internal static class WireFormat
{
    public static byte[] Participant(int participant)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)participant));
        return bytes;
    }

    public static int ReadParticipant(ReadOnlySpan<byte> bytes, string message)
    {
        var participant = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        return participant != 0 ? participant : throw new FormatException($"The {message} names participant 0; participants start at 1.");
    }

    public static Point ReadPoint(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return Ed25519Group.Instance.DeserializeElement(bytes);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{char.ToUpperInvariant(what[0])}{what[1..]} is not a point of Ed25519's prime-order subgroup other than the identity: {e.Message}", e);
        }
    }
}
