using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>
/// Parsed tx extra. Consensus does not parse extra, so any bytes may be on chain; like monerod's <c>parse_tx_extra</c>,
/// parsing keeps the fields read before the first one that does not parse and reports that the rest was not understood
/// (<see cref="IsFullyParsed"/>). Serialization of the fields is exact for what was parsed.
/// </summary>
public sealed record TxExtra(IReadOnlyList<TxExtraField> Fields, bool IsFullyParsed)
{
    internal const byte PaddingTag = 0x00;
    internal const byte PublicKeyTag = 0x01;
    internal const byte NonceTag = 0x02;
    internal const byte MergeMiningTag = 0x03;
    internal const byte AdditionalPublicKeysTag = 0x04;
    internal const byte MinerGateTag = 0xDE;

    private const int MaxPadding = 255;

    /// <summary>The first transaction public key field (R), as wallet2 uses it.</summary>
    public RctKey? PublicKey => Fields.OfType<TxExtraPublicKey>().FirstOrDefault()?.Key;

    /// <summary>The additional public keys, or none.</summary>
    public IReadOnlyList<RctKey> AdditionalPublicKeys => Fields.OfType<TxExtraAdditionalPublicKeys>().FirstOrDefault()?.Keys ?? [];

    /// <summary>The nonces in order (payment ids, arbitrary data).</summary>
    public IEnumerable<TxExtraNonce> Nonces => Fields.OfType<TxExtraNonce>();

    /// <summary>The first arbitrary-data field's contents (Serai's instruction), if any.</summary>
    public byte[]? FirstArbitraryData => Nonces.Select(n => n.ArbitraryData).FirstOrDefault(d => d is not null);

    /// <summary>Parses fields until the end or the first field that does not parse.</summary>
    public static TxExtra Parse(ReadOnlySpan<byte> extra)
    {
        var fields = new List<TxExtraField>();
        var reader = new MoneroReader(extra);
        while (!reader.IsAtEnd)
        {
            try
            {
                fields.Add(ReadField(ref reader));
            }
            catch (MoneroFormatException)
            {
                return new TxExtra(fields, IsFullyParsed: false);
            }
        }

        return new TxExtra(fields, IsFullyParsed: true);
    }

    /// <summary>The serialization of <paramref name="fields"/> in order.</summary>
    public static byte[] Serialize(IEnumerable<TxExtraField> fields)
    {
        var writer = new MoneroWriter();
        foreach (var field in fields)
        {
            field.Write(writer);
        }

        return writer.ToArray();
    }

    /// <summary>The serialization of the parsed fields.</summary>
    public byte[] Serialize() => Serialize(Fields);

    private static TxExtraField ReadField(ref MoneroReader reader)
    {
        var tag = reader.ReadByte("extra field tag");
        switch (tag)
        {
            case PaddingTag:
                var length = 1;
                while (!reader.IsAtEnd)
                {
                    if (reader.ReadByte("padding") != 0 || ++length > MaxPadding)
                    {
                        throw new MoneroFormatException("Bad extra padding: a non-zero byte or more than 255 bytes.");
                    }
                }

                return new TxExtraPadding(length);
            case PublicKeyTag:
                return new TxExtraPublicKey(new RctKey(reader.Read32("extra public key")));
            case NonceTag:
                var nonceLength = reader.ReadCount("extra nonce length", 1);
                return nonceLength <= TxExtraNonce.MaxLength
                    ? new TxExtraNonce(reader.ReadBytes(nonceLength, "extra nonce"))
                    : throw new MoneroFormatException($"An extra nonce of {nonceLength} bytes exceeds {TxExtraNonce.MaxLength}.");
            case MergeMiningTag:
                return new TxExtraMergeMining(reader.ReadBytes(reader.ReadCount("merge-mining length", 1), "merge-mining tag"));
            case AdditionalPublicKeysTag:
                var count = reader.ReadCount("additional public key count", RctKey.Length);
                var keys = new RctKey[count];
                for (var i = 0; i < count; i++)
                {
                    keys[i] = new RctKey(reader.Read32($"additional public key {i}"));
                }

                return new TxExtraAdditionalPublicKeys(keys);
            case MinerGateTag:
                return new TxExtraMinerGate(reader.ReadBytes(reader.ReadCount("MinerGate field length", 1), "MinerGate field"));
            default:
                throw new MoneroFormatException($"Unknown extra field tag 0x{tag:x2}.");
        }
    }
}
