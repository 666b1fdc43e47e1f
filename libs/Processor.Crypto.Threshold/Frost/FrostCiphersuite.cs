using System.Collections.Concurrent;
using System.Text;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// A FROST ciphersuite (RFC 9591 §6): a group, the hash functions H1…H5 and the signature format, with the signing
/// protocol itself in the other part of this class (<see cref="CommitAsync"/>, <see cref="Sign"/>,
/// <see cref="Aggregate"/>, <see cref="Verify"/>). Instances are immutable singletons and thread-safe.
/// </summary>
public abstract partial class FrostCiphersuite
{
    private const int KeyMapCacheLimit = 1024;

    /// <summary>Key maps by (group key, offset): public values, derived once per key instead of once per signature.</summary>
    private readonly ConcurrentDictionary<(string GroupKey, string Offset), KeyMap> _keyMaps = new();

    private protected FrostCiphersuite(PrimeOrderGroup group, string contextString)
    {
        Group = group;
        ContextString = contextString;
    }

    /// <summary>FROST(ristretto255, SHA-512), RFC 9591 §6.2: the suite for Batches.</summary>
    public static FrostCiphersuite Ristretto255Sha512 => Sha512Ciphersuite.Ristretto255;

    /// <summary>
    /// FROST(Ed25519, SHA-512), RFC 9591 §6.1: its signatures are standard Ed25519 signatures. The group is Monero's, so
    /// Monero keys come from key generation on this suite (threshold CLSAG itself lives in Processor.Monero).
    /// </summary>
    public static FrostCiphersuite Ed25519Sha512 => Sha512Ciphersuite.Ed25519;

    /// <summary>
    /// FROST over ristretto255 whose signatures are standard sr25519 (schnorrkel) signatures in the "substrate" signing
    /// context: what Serai's chain verifies for a Batch. Shares from the ristretto255 key generation sign with it.
    /// </summary>
    public static FrostCiphersuite Sr25519 => Sr25519Ciphersuite.Substrate;

    /// <summary>FROST(secp256k1, SHA-256), RFC 9591 §6.5. Its signatures are not BIP340 signatures.</summary>
    public static Secp256k1Ciphersuite Secp256k1Sha256 => Secp256k1Ciphersuite.Rfc9591;

    /// <summary>
    /// BIP340 signatures for a taproot key-path spend (Bitcoin): the BIP340 suite whose key is tweaked per BIP341 with no
    /// script path (BIP86), as Zcash Foundation's <c>frost-secp256k1-tr</c> does after key generation.
    /// </summary>
    public static TaprootCiphersuite Secp256k1Taproot => TaprootCiphersuite.KeyPathSpend;

    /// <summary>
    /// BIP340 signatures under the (offset) group key itself, without the BIP341 tweak: Zcash Foundation's
    /// <c>frost-secp256k1-tr</c> signing flow as its test vectors exercise it.
    /// </summary>
    public static TaprootCiphersuite Secp256k1Bip340 => TaprootCiphersuite.Untweaked;

    /// <summary>The group.</summary>
    public PrimeOrderGroup Group { get; }

    /// <summary>RFC 9591's contextString, the domain separator of every hash.</summary>
    public string ContextString { get; }

    /// <summary>Length of an encoded signature.</summary>
    public abstract int SignatureLength { get; }

    /// <summary>
    /// Hashes <paramref name="message"/> to a scalar under <c>contextString ‖ <paramref name="tag"/></c>: H1 is tag "rho",
    /// H3 "nonce"; other protocols on the same suite (a DKG: "dkg", identifiers: "id") use their own tags. Safe for secret input.
    /// </summary>
    public abstract Scalar HashToScalar(string tag, ReadOnlySpan<byte> message);

    /// <summary>The suite's plain hash of <c>contextString ‖ <paramref name="tag"/> ‖ message</c> (H4 is "msg", H5 "com").</summary>
    public abstract byte[] Hash(string tag, ReadOnlySpan<byte> message);

    /// <summary>The challenge H2 of RFC 9591 §4.6, <c>H2(R ‖ PK ‖ msg)</c> with the suite's encodings.</summary>
    internal virtual Scalar Challenge(Point groupCommitment, Point verifyingKey, ReadOnlySpan<byte> message) =>
        HashToScalar("chal", [.. groupCommitment.Encoded, .. verifyingKey.Encoded, .. message]);

    /// <summary>
    /// How the group key and every share are transformed for signing: by default <c>P + o·G</c> (shares + o).
    /// The taproot suites add even-Y normalization and the BIP341 tweak.
    /// </summary>
    internal virtual KeyMap DeriveKeyMap(Point groupPublicKey, KeyOffset? offset) => KeyMap.Offset(groupPublicKey, offset);

    /// <summary>The cached <see cref="DeriveKeyMap"/> (the taproot tweak costs about one BIP340 signature).</summary>
    internal KeyMap KeyMapFor(Point groupPublicKey, KeyOffset? offset)
    {
        var cacheKey = (Convert.ToHexString(groupPublicKey.Encoded), offset is null ? "" : Convert.ToHexString(offset.Value.Bytes));
        if (_keyMaps.TryGetValue(cacheKey, out var map))
        {
            return map;
        }

        if (_keyMaps.Count >= KeyMapCacheLimit)
        {
            _keyMaps.Clear();
        }

        return _keyMaps[cacheKey] = DeriveKeyMap(groupPublicKey, offset);
    }

    /// <summary>Whether signers must negate their nonces for this group commitment (BIP340's even-Y R).</summary>
    internal virtual bool NegatesNonces(Point groupCommitment) => false;

    /// <summary>RFC 9591 signature encoding <c>SerializeElement(R) ‖ SerializeScalar(z)</c>.</summary>
    internal virtual byte[] EncodeSignature(Point groupCommitment, Scalar z) => [.. groupCommitment.Encoded, .. z.Bytes];

    /// <summary>
    /// Whether <paramref name="signature"/> is valid for <paramref name="message"/> under <paramref name="verifyingKey"/>
    /// (RFC 9591 §6 verify: <c>z·G == R + c·PK</c>). Malformed signatures are invalid.
    /// </summary>
    public virtual bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, Point verifyingKey)
    {
        if (signature.Length != SignatureLength || !ReferenceEquals(verifyingKey.Group, Group) || verifyingKey.IsIdentity)
        {
            return false;
        }

        Point r;
        Scalar z;
        try
        {
            r = Group.DeserializeElement(signature[..Group.ElementLength]);
            z = Group.DeserializeScalar(signature[Group.ElementLength..]);
        }
        catch (FormatException)
        {
            return false;
        }

        using var c = Challenge(r, verifyingKey, message);
        return Group.MultiplyGenerator(z) == r + Group.MultiplyPublic(verifyingKey, c);
    }

    private protected static byte[] Concat(string contextString, string tag, ReadOnlySpan<byte> message) =>
        [.. Encoding.ASCII.GetBytes(contextString + tag), .. message];
}
