namespace Processor.Crypto.Hashing;

/// <summary>
/// Keccak-256 as submitted to the SHA-3 competition (rate 136 bytes, padding <c>0x01 … 0x80</c>): Monero's
/// <c>cn_fast_hash</c> and Ethereum's hash. Not FIPS 202 SHA3-256 (.NET's <c>SHA3_256</c>), whose padding byte is 0x06.
/// Incremental: <see cref="Append"/> any number of parts, then <see cref="Finish"/>.
/// </summary>
public sealed class Keccak256
{
    /// <summary>Length of a digest.</summary>
    public const int HashLength = 32;

    private const int Rate = 136;

    private readonly byte[] _state = new byte[KeccakF1600.StateBytes];
    private int _offset;

    /// <summary>The digest of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new byte[HashLength];
        new Keccak256().Append(data).Finish(digest);
        return digest;
    }

    /// <summary>Absorbs <paramref name="data"/>; returns this hasher so that parts chain.</summary>
    public Keccak256 Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(Rate - _offset, data.Length);
            var block = _state.AsSpan(_offset, take);
            for (var i = 0; i < take; i++)
            {
                block[i] ^= data[i];
            }

            _offset += take;
            data = data[take..];
            if (_offset == Rate)
            {
                KeccakF1600.Permute(_state.AsSpan());
                _offset = 0;
            }
        }

        return this;
    }

    /// <summary>Writes the digest of everything appended into <paramref name="digest"/> (32 bytes) and resets the hasher.</summary>
    public void Finish(Span<byte> digest)
    {
        if (digest.Length != HashLength)
        {
            throw new ArgumentException($"A Keccak-256 digest is {HashLength} bytes.", nameof(digest));
        }

        _state[_offset] ^= 0x01;
        _state[Rate - 1] ^= 0x80;
        KeccakF1600.Permute(_state.AsSpan());
        _state.AsSpan(0, HashLength).CopyTo(digest);
        Array.Clear(_state);
        _offset = 0;
    }

    /// <summary>The digest of everything appended, as a new array; resets the hasher.</summary>
    public byte[] Finish()
    {
        var digest = new byte[HashLength];
        Finish(digest);
        return digest;
    }
}
