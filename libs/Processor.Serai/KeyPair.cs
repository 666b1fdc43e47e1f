using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>
/// Serai's <c>KeyPair</c>: the validator set's Ristretto (substrate) key, 32 bytes, and its key on the external network,
/// at most 96 bytes (<c>BoundedVec&lt;u8, 96&gt;</c>; Bitcoin: 32-byte x coordinate, or 33-byte SEC1 at A).
/// </summary>
public sealed record KeyPair
{
    public const int SubstrateKeyLength = 32;
    public const int MaxNetworkKeyLength = 96;

    private readonly byte[] _substrateKey;
    private readonly byte[] _networkKey;

    public KeyPair(ReadOnlySpan<byte> substrateKey, ReadOnlySpan<byte> networkKey)
    {
        if (substrateKey.Length != SubstrateKeyLength)
        {
            throw new ArgumentException($"A substrate key is {SubstrateKeyLength} bytes, not {substrateKey.Length}.", nameof(substrateKey));
        }

        if (networkKey.Length > MaxNetworkKeyLength)
        {
            throw new ArgumentException($"A network key is at most {MaxNetworkKeyLength} bytes, not {networkKey.Length}.", nameof(networkKey));
        }

        _substrateKey = substrateKey.ToArray();
        _networkKey = networkKey.ToArray();
    }

    public ReadOnlySpan<byte> SubstrateKey => _substrateKey;

    public ReadOnlySpan<byte> NetworkKey => _networkKey;

    public void WriteTo(ScaleWriter writer)
    {
        writer.WriteBytes(_substrateKey);
        writer.WriteLengthPrefixed(_networkKey);
    }

    public bool Equals(KeyPair? other) =>
        other is not null && _substrateKey.AsSpan().SequenceEqual(other._substrateKey) && _networkKey.AsSpan().SequenceEqual(other._networkKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_substrateKey);
        hash.AddBytes(_networkKey);
        return hash.ToHashCode();
    }
}
