using System.Buffers.Binary;
using Processor.Crypto.Hashing;

namespace Processor.Serai;

/// <summary>
/// Serai's <c>RecommendedTranscript</c> (flexible-transcript 0.3.2's DigestTranscript over unkeyed Blake2b-512, §5): every
/// element is fed as <c>kind ‖ u64le(len) ‖ value</c>. Only what the Batch sign id needs: a name, messages and one challenge.
/// </summary>
internal sealed class DigestTranscript
{
    private const byte Name = 0;
    private const byte Label = 2;
    private const byte Value = 3;
    private const byte Challenge = 4;
    private const byte Challenged = 6;

    private readonly List<byte> _fed = [];

    public DigestTranscript(ReadOnlySpan<byte> name) => Append(Name, name);

    public void AppendMessage(ReadOnlySpan<byte> label, ReadOnlySpan<byte> message)
    {
        Append(Label, label);
        Append(Value, message);
    }

    /// <summary>
    /// The 64-byte challenge for <paramref name="label"/>. The transcript is not usable afterwards: flexible-transcript would go
    /// on with a Continued marker, which nothing here needs.
    /// </summary>
    public byte[] ChallengeOnce(ReadOnlySpan<byte> label)
    {
        Append(Challenge, label);
        _fed.Add(Challenged);
        return Blake2b.Hash512([.. _fed]);
    }

    private void Append(byte kind, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)value.Length);
        _fed.Add(kind);
        _fed.AddRange(length);
        _fed.AddRange(value);
    }
}
