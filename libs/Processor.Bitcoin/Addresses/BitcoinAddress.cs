using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;

namespace Processor.Bitcoin.Addresses;

/// <summary>Converts between output scripts and address strings of a network: P2PKH, P2SH (base58) and every segwit version (bech32/bech32m).</summary>
public static class BitcoinAddress
{
    private const int LegacyPayloadLength = 21;

    /// <summary>The address of <paramref name="scriptPubKey"/>, or null when the script has no address form (OP_RETURN, bare multisig, ...).</summary>
    public static string? FromScriptPubKey(ReadOnlySpan<byte> scriptPubKey, BitcoinNetwork network)
    {
        switch (ScriptPubKeys.Classify(scriptPubKey))
        {
            case ScriptKind.PayToPublicKeyHash:
                return Base58Check.Encode([network.PubKeyHashPrefix, .. ScriptPubKeys.GetLegacyHash(scriptPubKey)]);
            case ScriptKind.PayToScriptHash:
                return Base58Check.Encode([network.ScriptHashPrefix, .. ScriptPubKeys.GetLegacyHash(scriptPubKey)]);
            case ScriptKind.PayToWitnessPublicKeyHash or ScriptKind.PayToWitnessScriptHash or ScriptKind.PayToTaproot or ScriptKind.WitnessUnknown:
                ScriptPubKeys.TryGetWitnessProgram(scriptPubKey, out var version, out var program);
                return new SegwitAddress(version, program.ToArray()).Encode(network.Bech32Hrp);
            default:
                return null;
        }
    }

    /// <summary>The output script that pays <paramref name="address"/>.</summary>
    /// <exception cref="AddressFormatException">Not an address of <paramref name="network"/>; the message says why.</exception>
    public static byte[] ToScriptPubKey(string address, BitcoinNetwork network)
    {
        if (address.StartsWith(network.Bech32Hrp + "1", StringComparison.OrdinalIgnoreCase))
        {
            var segwit = SegwitAddress.Decode(network.Bech32Hrp, address);
            return ScriptPubKeys.PayToWitness(segwit.Version, segwit.Program);
        }

        var payload = Base58Check.Decode(address);
        if (payload.Length != LegacyPayloadLength)
        {
            throw new AddressFormatException($"A legacy address holds {LegacyPayloadLength} bytes, this one {payload.Length}.");
        }

        if (payload[0] == network.PubKeyHashPrefix)
        {
            return ScriptPubKeys.PayToPublicKeyHash(payload.AsSpan(1));
        }

        return payload[0] == network.ScriptHashPrefix
            ? ScriptPubKeys.PayToScriptHash(payload.AsSpan(1))
            : throw new AddressFormatException($"Version byte 0x{payload[0]:x2} is not a {network.Name} address prefix.");
    }
}
