using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Processor.Crypto.Hashing;

/// <summary>
/// The Keccak-f[1600] permutation (FIPS 202 §3.3, 24 rounds) over a state of 25 64-bit lanes, lane <c>x + 5y</c> at index
/// <c>x + 5·y</c>. The building block of STROBE-128 (Merlin transcripts) and of Keccak-256. Operates in place, allocates nothing,
/// and has no data-dependent branches or memory accesses.
/// </summary>
public static class KeccakF1600
{
    /// <summary>Number of 64-bit lanes in the state.</summary>
    public const int StateLanes = 25;

    /// <summary>Size of the state in bytes (the lanes little-endian, as FIPS 202 and STROBE address it).</summary>
    public const int StateBytes = 200;

    private const int Rounds = 24;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
        0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ];

    /// <summary>ρ rotation of each lane visited along π's cycle, which starts at lane 1 and goes through <see cref="PiLanes"/>.</summary>
    private static ReadOnlySpan<byte> RhoOffsets => [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

    private static ReadOnlySpan<byte> PiLanes => [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    /// <summary>Applies Keccak-f[1600] to <paramref name="lanes"/> (exactly <see cref="StateLanes"/> lanes).</summary>
    public static void Permute(Span<ulong> lanes)
    {
        if (lanes.Length != StateLanes)
        {
            throw new ArgumentException($"The Keccak-f[1600] state is {StateLanes} lanes, not {lanes.Length}.", nameof(lanes));
        }

        Span<ulong> column = stackalloc ulong[5];
        for (var round = 0; round < Rounds; round++)
        {
            // θ: every lane absorbs the parities of two neighbouring columns.
            for (var x = 0; x < 5; x++)
            {
                column[x] = lanes[x] ^ lanes[x + 5] ^ lanes[x + 10] ^ lanes[x + 15] ^ lanes[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var d = column[(x + 4) % 5] ^ BitOperations.RotateLeft(column[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    lanes[x + y] ^= d;
                }
            }

            // ρ and π together: walk π's single 24-lane cycle, rotating each lane into its new place.
            var carried = lanes[1];
            for (var step = 0; step < 24; step++)
            {
                var target = PiLanes[step];
                (lanes[target], carried) = (BitOperations.RotateLeft(carried, RhoOffsets[step]), lanes[target]);
            }

            // χ: the only non-linear step, row by row.
            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++)
                {
                    column[x] = lanes[y + x];
                }

                for (var x = 0; x < 5; x++)
                {
                    lanes[y + x] = column[x] ^ (~column[(x + 1) % 5] & column[(x + 2) % 5]);
                }
            }

            // ι
            lanes[0] ^= RoundConstants[round];
        }
    }

    /// <summary>
    /// Applies Keccak-f[1600] to a <see cref="StateBytes"/>-byte state whose lanes are stored little-endian, the layout
    /// sponge constructions absorb bytes into.
    /// </summary>
    public static void Permute(Span<byte> state)
    {
        if (state.Length != StateBytes)
        {
            throw new ArgumentException($"The Keccak-f[1600] state is {StateBytes} bytes, not {state.Length}.", nameof(state));
        }

        if (BitConverter.IsLittleEndian)
        {
            Permute(MemoryMarshal.Cast<byte, ulong>(state));
            return;
        }

        Span<ulong> lanes = stackalloc ulong[StateLanes];
        for (var i = 0; i < StateLanes; i++)
        {
            lanes[i] = BinaryPrimitives.ReadUInt64LittleEndian(state[(8 * i)..]);
        }

        Permute(lanes);
        for (var i = 0; i < StateLanes; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(state[(8 * i)..], lanes[i]);
        }
    }
}
