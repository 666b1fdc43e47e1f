using System.Runtime.CompilerServices;
using Processor.Crypto.Hashing;

namespace Processor.Crypto.Sr25519;

/// <summary>
/// The subset of STROBE v1.0.2 at 128-bit security that Merlin transcripts use (the operations of the merlin crate's
/// <c>strobe.rs</c>): meta-AD, AD, PRF and KEY, without transport or ratchet. A mutable value type so that a transcript
/// holds its whole state inline; copy it only to fork a transcript.
/// </summary>
internal struct Strobe128
{
    /// <summary>The sponge rate R for 128-bit security: 200 − 2·(128/8) − 2.</summary>
    private const int Rate = 166;

    private const byte FlagI = 1;
    private const byte FlagA = 2;
    private const byte FlagC = 4;
    private const byte FlagT = 8;
    private const byte FlagM = 16;
    private const byte FlagK = 32;

    private State _state;
    private int _position;
    private byte _positionBegin;
    private byte _currentFlags;

    /// <summary>A fresh STROBE-128 state for <paramref name="protocolLabel"/>.</summary>
    public Strobe128(ReadOnlySpan<byte> protocolLabel)
    {
        Span<byte> state = _state;
        ReadOnlySpan<byte> domain = [0x01, Rate + 2, 0x01, 0x00, 0x01, 0x60];
        domain.CopyTo(state);
        "STROBEv1.0.2"u8.CopyTo(state[domain.Length..]);
        KeccakF1600.Permute(state);
        MetaAd(protocolLabel, more: false);
    }

    /// <summary>meta-AD: framing data, absorbed.</summary>
    public void MetaAd(ReadOnlySpan<byte> data, bool more)
    {
        BeginOperation(FlagM | FlagA, more);
        Absorb(data);
    }

    /// <summary>AD: associated data, absorbed.</summary>
    public void Ad(ReadOnlySpan<byte> data, bool more)
    {
        BeginOperation(FlagA, more);
        Absorb(data);
    }

    /// <summary>PRF: fills <paramref name="output"/> with pseudorandom bytes.</summary>
    public void Prf(Span<byte> output, bool more)
    {
        BeginOperation(FlagI | FlagA | FlagC, more);
        Squeeze(output);
    }

    /// <summary>KEY: overwrites the state with secret key material (Merlin's transcript RNG).</summary>
    public void Key(ReadOnlySpan<byte> key, bool more)
    {
        BeginOperation(FlagA | FlagC, more);
        Overwrite(key);
    }

    private void BeginOperation(byte flags, bool more)
    {
        if (more)
        {
            // Continuing an operation: STROBE requires the same flags.
            if (flags != _currentFlags)
            {
                throw new InvalidOperationException($"STROBE operation continued with flags {flags}, begun with {_currentFlags}.");
            }

            return;
        }

        if ((flags & FlagT) != 0)
        {
            throw new NotSupportedException("STROBE transport operations are not part of Merlin.");
        }

        var oldBegin = _positionBegin;
        _positionBegin = (byte)(_position + 1);
        _currentFlags = flags;
        Absorb([oldBegin, flags]);
        if ((flags & (FlagC | FlagK)) != 0 && _position != 0)
        {
            RunF();
        }
    }

    private void Absorb(ReadOnlySpan<byte> data)
    {
        Span<byte> state = _state;
        foreach (var b in data)
        {
            state[_position++] ^= b;
            if (_position == Rate)
            {
                RunF();
            }
        }
    }

    private void Overwrite(ReadOnlySpan<byte> data)
    {
        Span<byte> state = _state;
        foreach (var b in data)
        {
            state[_position++] = b;
            if (_position == Rate)
            {
                RunF();
            }
        }
    }

    private void Squeeze(Span<byte> output)
    {
        Span<byte> state = _state;
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = state[_position];
            state[_position++] = 0;
            if (_position == Rate)
            {
                RunF();
            }
        }
    }

    private void RunF()
    {
        Span<byte> state = _state;
        state[_position] ^= _positionBegin;
        state[_position + 1] ^= 0x04;
        state[Rate + 1] ^= 0x80;
        KeccakF1600.Permute(state);
        _position = 0;
        _positionBegin = 0;
    }

    [InlineArray(KeccakF1600.StateBytes)]
    private struct State
    {
        private byte _element;
    }
}
