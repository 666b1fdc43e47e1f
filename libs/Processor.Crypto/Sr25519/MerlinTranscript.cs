using System.Buffers.Binary;

namespace Processor.Crypto.Sr25519;

/// <summary>
/// A Merlin transcript (merlin.cool, the merlin crate): a STROBE-128 sponge that absorbs labelled messages and squeezes
/// challenges bound to everything absorbed so far. schnorrkel derives sr25519 challenges from one.
/// </summary>
public sealed class MerlinTranscript
{
    private Strobe128 _strobe;

    /// <summary>Starts a transcript for the protocol named <paramref name="label"/>.</summary>
    public MerlinTranscript(ReadOnlySpan<byte> label)
    {
        _strobe = new Strobe128("Merlin v1.0"u8);
        AppendMessage("dom-sep"u8, label);
    }

    /// <summary>Absorbs <paramref name="message"/> under <paramref name="label"/> (its length is framed, so messages cannot run together).</summary>
    public void AppendMessage(ReadOnlySpan<byte> label, ReadOnlySpan<byte> message)
    {
        _strobe.MetaAd(label, more: false);
        _strobe.MetaAd(LengthPrefix(message.Length, stackalloc byte[4]), more: true);
        _strobe.Ad(message, more: false);
    }

    /// <summary>Fills <paramref name="destination"/> with challenge bytes under <paramref name="label"/>; the transcript then includes them.</summary>
    public void ChallengeBytes(ReadOnlySpan<byte> label, Span<byte> destination)
    {
        _strobe.MetaAd(label, more: false);
        _strobe.MetaAd(LengthPrefix(destination.Length, stackalloc byte[4]), more: true);
        _strobe.Prf(destination, more: false);
    }

    /// <summary><see cref="ChallengeBytes(ReadOnlySpan{byte}, Span{byte})"/> into a new array of <paramref name="length"/> bytes.</summary>
    public byte[] ChallengeBytes(ReadOnlySpan<byte> label, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var challenge = new byte[length];
        ChallengeBytes(label, challenge);
        return challenge;
    }

    private static ReadOnlySpan<byte> LengthPrefix(int length, Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)length);
        return buffer;
    }
}
