using System.Buffers.Binary;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.Sending;

/// <summary>
/// A deterministic random stream: the ChaCha20 keystream (RFC 8439 block function, 20 rounds) under a 32-byte seed.
/// Every signer given the same seed draws the same numbers, which is what makes decoy selection and the unsigned
/// transaction reproducible. Not for secrets that must stay unpredictable to whoever knows the seed.
/// </summary>
public sealed class ChaCha20Rng
{
    /// <summary>Length of a seed.</summary>
    public const int SeedLength = 32;

    private const int BlockLength = 64;
    private readonly uint[] _state = new uint[16];
    private readonly byte[] _block = new byte[BlockLength];
    private int _used = BlockLength;

    /// <summary>The keystream of <paramref name="seed"/> with a zero nonce, from block 0.</summary>
    public ChaCha20Rng(ReadOnlySpan<byte> seed)
        : this(seed, new byte[12], 0)
    {
    }

    /// <summary>The keystream of a key, a 12-byte nonce and a starting block counter (RFC 8439's test vectors use these).</summary>
    internal ChaCha20Rng(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter)
    {
        if (key.Length != SeedLength)
        {
            throw new ArgumentException($"A ChaCha20 seed is {SeedLength} bytes, not {key.Length}.", nameof(key));
        }

        if (nonce.Length != 12)
        {
            throw new ArgumentException("A ChaCha20 nonce is 12 bytes.", nameof(nonce));
        }

        // "expand 32-byte k"
        _state[0] = 0x61707865;
        _state[1] = 0x3320646e;
        _state[2] = 0x79622d32;
        _state[3] = 0x6b206574;
        for (var i = 0; i < 8; i++)
        {
            _state[4 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(4 * i)..]);
        }

        _state[12] = counter;
        for (var i = 0; i < 3; i++)
        {
            _state[13 + i] = BinaryPrimitives.ReadUInt32LittleEndian(nonce[(4 * i)..]);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next keystream bytes.</summary>
    public void NextBytes(Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_used == BlockLength)
            {
                RefillBlock();
            }

            var take = Math.Min(destination.Length, BlockLength - _used);
            _block.AsSpan(_used, take).CopyTo(destination);
            _used += take;
            destination = destination[take..];
        }
    }

    /// <summary>The next 8 bytes as a little-endian integer.</summary>
    public ulong NextUInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        NextBytes(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of <see cref="NextUInt64"/>.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform scalar: 64 bytes of stream reduced modulo l.</summary>
    public Scalar NextScalar()
    {
        Span<byte> wide = stackalloc byte[64];
        NextBytes(wide);
        var scalar = MoneroScalars.Reduce(wide);
        wide.Clear();
        return scalar;
    }

    private void RefillBlock()
    {
        Span<uint> working = stackalloc uint[16];
        _state.CopyTo(working);
        for (var round = 0; round < 10; round++)
        {
            QuarterRound(working, 0, 4, 8, 12);
            QuarterRound(working, 1, 5, 9, 13);
            QuarterRound(working, 2, 6, 10, 14);
            QuarterRound(working, 3, 7, 11, 15);
            QuarterRound(working, 0, 5, 10, 15);
            QuarterRound(working, 1, 6, 11, 12);
            QuarterRound(working, 2, 7, 8, 13);
            QuarterRound(working, 3, 4, 9, 14);
        }

        for (var i = 0; i < 16; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_block.AsSpan(4 * i), working[i] + _state[i]);
        }

        _state[12] = checked(_state[12] + 1);
        _used = 0;
    }

    private static void QuarterRound(Span<uint> x, int a, int b, int c, int d)
    {
        x[a] += x[b];
        x[d] = uint.RotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = uint.RotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = uint.RotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = uint.RotateLeft(x[b] ^ x[c], 7);
    }
}
