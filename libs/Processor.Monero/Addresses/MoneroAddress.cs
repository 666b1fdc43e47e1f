using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.Addresses;

/// <summary>
/// A Monero address: base58 of varint(prefix) ‖ spend key ‖ view key [‖ payment id] ‖ the first 4 bytes of its Keccak-256.
/// Prefixes: mainnet (and regtest) 18 / 19 / 42, testnet 53 / 54 / 63, stagenet 24 / 25 / 36 for standard / integrated /
/// subaddress. Both keys must pass Monero's <c>check_key</c>, as wallet2 requires.
/// </summary>
public sealed record MoneroAddress
{
    private const int ChecksumLength = 4;
    private const int PaymentIdLength = 8;

    private static readonly (MoneroNetwork Network, MoneroAddressKind Kind, ulong Prefix)[] Prefixes =
    [
        (MoneroNetwork.Mainnet, MoneroAddressKind.Standard, 18),
        (MoneroNetwork.Mainnet, MoneroAddressKind.Integrated, 19),
        (MoneroNetwork.Mainnet, MoneroAddressKind.Subaddress, 42),
        (MoneroNetwork.Testnet, MoneroAddressKind.Standard, 53),
        (MoneroNetwork.Testnet, MoneroAddressKind.Integrated, 54),
        (MoneroNetwork.Testnet, MoneroAddressKind.Subaddress, 63),
        (MoneroNetwork.Stagenet, MoneroAddressKind.Standard, 24),
        (MoneroNetwork.Stagenet, MoneroAddressKind.Integrated, 25),
        (MoneroNetwork.Stagenet, MoneroAddressKind.Subaddress, 36),
    ];

    private readonly byte[]? _paymentId;

    /// <summary>An address; <paramref name="paymentId"/> (8 bytes) is required for, and only for, an integrated address.</summary>
    public MoneroAddress(MoneroNetwork network, MoneroAddressKind kind, EdwardsPoint spendKey, EdwardsPoint viewKey, ReadOnlySpan<byte> paymentId = default)
    {
        if ((kind == MoneroAddressKind.Integrated) != (paymentId.Length == PaymentIdLength) || (kind != MoneroAddressKind.Integrated && !paymentId.IsEmpty))
        {
            throw new ArgumentException($"An integrated address needs an {PaymentIdLength}-byte payment id, and other kinds none.", nameof(paymentId));
        }

        Network = network;
        Kind = kind;
        SpendKey = spendKey;
        ViewKey = viewKey;
        _paymentId = kind == MoneroAddressKind.Integrated ? paymentId.ToArray() : null;
    }

    /// <summary>The network whose prefix the address carries.</summary>
    public MoneroNetwork Network { get; }

    /// <summary>Standard, integrated or subaddress.</summary>
    public MoneroAddressKind Kind { get; }

    /// <summary>The public spend key (B, or D for a subaddress).</summary>
    public EdwardsPoint SpendKey { get; }

    /// <summary>The public view key (A, or C for a subaddress).</summary>
    public EdwardsPoint ViewKey { get; }

    /// <summary>The payment id of an integrated address (a copy), else null.</summary>
    public byte[]? PaymentId => (byte[]?)_paymentId?.Clone();

    /// <summary>The varint prefix of a network and kind.</summary>
    public static ulong PrefixOf(MoneroNetwork network, MoneroAddressKind kind) =>
        Prefixes.Single(p => p.Network == network && p.Kind == kind).Prefix;

    /// <summary>
    /// Parses an address, which must belong to <paramref name="expectedNetwork"/>. Throws <see cref="FormatException"/> for bad
    /// base58, a wrong length, a bad checksum, an unknown prefix, another network's prefix, or keys that are not points.
    /// </summary>
    public static MoneroAddress Parse(string text, MoneroNetwork expectedNetwork)
    {
        var address = Parse(text);
        return address.Network == expectedNetwork
            ? address
            : throw new FormatException($"The address is a {address.Network} address, not a {expectedNetwork} one.");
    }

    /// <summary>Parses an address of any network (see <see cref="Parse(string, MoneroNetwork)"/>).</summary>
    public static MoneroAddress Parse(string text)
    {
        var data = MoneroBase58.Decode(text);
        if (data.Length < 1 + 64 + ChecksumLength)
        {
            throw new FormatException($"A Monero address decodes to at least {1 + 64 + ChecksumLength} bytes, not {data.Length}.");
        }

        var body = data.AsSpan(0, data.Length - ChecksumLength);
        if (!MoneroHash.Keccak(body).AsSpan(0, ChecksumLength).SequenceEqual(data.AsSpan(body.Length)))
        {
            throw new FormatException("The address checksum does not match.");
        }

        int prefixLength;
        ulong prefix;
        try
        {
            prefixLength = Varint.Read(body, out prefix, "address prefix");
        }
        catch (MoneroFormatException e)
        {
            throw new FormatException($"The address prefix is not a valid varint: {e.Message}", e);
        }

        var known = Prefixes.Where(p => p.Prefix == prefix).ToList();
        if (known.Count == 0)
        {
            throw new FormatException($"The address prefix {prefix} belongs to no Monero network.");
        }

        var (network, kind, _) = known[0];
        var expectedLength = prefixLength + 64 + (kind == MoneroAddressKind.Integrated ? PaymentIdLength : 0);
        if (body.Length != expectedLength)
        {
            throw new FormatException($"A {network} {kind} address holds {expectedLength} bytes before its checksum, not {body.Length}.");
        }

        var spend = EdwardsPoint.Decode(body.Slice(prefixLength, 32), "address's spend key");
        var view = EdwardsPoint.Decode(body.Slice(prefixLength + 32, 32), "address's view key");
        return new MoneroAddress(network, kind, spend, view, body[(prefixLength + 64)..]);
    }

    /// <summary>The base58 text of the address.</summary>
    public override string ToString()
    {
        var writer = new MoneroWriter()
            .WriteVarint(PrefixOf(Network, Kind))
            .WriteBytes(SpendKey.Encoding)
            .WriteBytes(ViewKey.Encoding)
            .WriteBytes(_paymentId);
        var checksum = MoneroHash.Keccak(writer.Written).AsSpan(0, ChecksumLength);
        return MoneroBase58.Encode(writer.WriteBytes(checksum).ToArray());
    }

    /// <inheritdoc/>
    public bool Equals(MoneroAddress? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
