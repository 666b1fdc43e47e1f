using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>A field of tx extra (<c>tx_extra_field</c>), tagged by its first byte.</summary>
public abstract record TxExtraField
{
    private protected TxExtraField()
    {
    }

    internal abstract void Write(MoneroWriter writer);
}

/// <summary>Tag 0: zero padding to the end of extra (at most 255 bytes with the tag). Only the count is kept.</summary>
public sealed record TxExtraPadding(int Length) : TxExtraField
{
    internal override void Write(MoneroWriter writer) => writer.WriteBytes(new byte[Length]);
}

/// <summary>Tag 1: the transaction public key R.</summary>
public sealed record TxExtraPublicKey(RctKey Key) : TxExtraField
{
    internal override void Write(MoneroWriter writer) => writer.WriteByte(TxExtra.PublicKeyTag).WriteBytes(Key.Bytes);
}

/// <summary>
/// Tag 2: a nonce of at most 255 bytes. By convention it holds a payment id (first byte 0: 32-byte plain id; 1: 8-byte
/// encrypted id) or, for Serai, arbitrary data (first byte 127, then at most 254 bytes).
/// </summary>
public sealed record TxExtraNonce : TxExtraField
{
    /// <summary>The most bytes a nonce holds.</summary>
    public const int MaxLength = 255;

    /// <summary>The first byte of a nonce carrying a plain 32-byte payment id.</summary>
    public const byte PaymentIdMarker = 0;

    /// <summary>The first byte of a nonce carrying an 8-byte encrypted payment id.</summary>
    public const byte EncryptedPaymentIdMarker = 1;

    /// <summary>The first byte of a nonce carrying arbitrary data (Serai's instruction).</summary>
    public const byte ArbitraryDataMarker = 127;

    private readonly byte[] _data;

    /// <summary>A nonce of at most <see cref="MaxLength"/> bytes.</summary>
    public TxExtraNonce(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxLength)
        {
            throw new ArgumentException($"A tx extra nonce holds at most {MaxLength} bytes, not {data.Length}.", nameof(data));
        }

        _data = data.ToArray();
    }

    /// <summary>The nonce bytes.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The 8-byte encrypted payment id, if this nonce is one.</summary>
    public byte[]? EncryptedPaymentId => _data is [EncryptedPaymentIdMarker, ..] && _data.Length == 9 ? _data[1..] : null;

    /// <summary>The 32-byte plain (legacy) payment id, if this nonce is one.</summary>
    public byte[]? PaymentId => _data is [PaymentIdMarker, ..] && _data.Length == 33 ? _data[1..] : null;

    /// <summary>The arbitrary data after the marker, if this nonce carries some.</summary>
    public byte[]? ArbitraryData => _data is [ArbitraryDataMarker, ..] ? _data[1..] : null;

    /// <summary>A nonce holding an encrypted payment id.</summary>
    public static TxExtraNonce ForEncryptedPaymentId(ReadOnlySpan<byte> encryptedPaymentId) =>
        encryptedPaymentId.Length == 8
            ? new([EncryptedPaymentIdMarker, .. encryptedPaymentId])
            : throw new ArgumentException("An encrypted payment id is 8 bytes.", nameof(encryptedPaymentId));

    /// <summary>A nonce holding arbitrary data (at most 254 bytes, after the marker).</summary>
    public static TxExtraNonce ForArbitraryData(ReadOnlySpan<byte> data) =>
        data.Length < MaxLength
            ? new([ArbitraryDataMarker, .. data])
            : throw new ArgumentException($"Arbitrary data in a nonce is at most {MaxLength - 1} bytes, not {data.Length}.", nameof(data));

    /// <inheritdoc/>
    public bool Equals(TxExtraNonce? other) => other is not null && _data.AsSpan().SequenceEqual(other._data);

    /// <inheritdoc/>
    public override int GetHashCode() => _data.Length;

    internal override void Write(MoneroWriter writer) => writer.WriteByte(TxExtra.NonceTag).WriteVarint((ulong)_data.Length).WriteBytes(_data);
}

/// <summary>Tag 3: a merge-mining tag (varint depth and a 32-byte merkle root, as a length-prefixed string). Kept as bytes.</summary>
public sealed record TxExtraMergeMining(byte[] Data) : TxExtraField
{
    internal override void Write(MoneroWriter writer) => writer.WriteByte(TxExtra.MergeMiningTag).WriteVarint((ulong)Data.Length).WriteBytes(Data);
}

/// <summary>Tag 4: additional transaction public keys, one per output, used when paying subaddresses.</summary>
public sealed record TxExtraAdditionalPublicKeys(IReadOnlyList<RctKey> Keys) : TxExtraField
{
    internal override void Write(MoneroWriter writer)
    {
        writer.WriteByte(TxExtra.AdditionalPublicKeysTag).WriteVarint((ulong)Keys.Count);
        foreach (var key in Keys)
        {
            writer.WriteBytes(key.Bytes);
        }
    }
}

/// <summary>Tag 0xDE: MinerGate's field (a length-prefixed string) that monerod tolerates. Kept as bytes.</summary>
public sealed record TxExtraMinerGate(byte[] Data) : TxExtraField
{
    internal override void Write(MoneroWriter writer) => writer.WriteByte(TxExtra.MinerGateTag).WriteVarint((ulong)Data.Length).WriteBytes(Data);
}
