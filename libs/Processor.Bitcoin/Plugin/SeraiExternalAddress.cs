using Processor.Bitcoin.Scripts;

namespace Processor.Bitcoin.Plugin;

/// <summary>
/// A Bitcoin script as Serai's <c>ExternalAddress</c> names it (serai-chain-formats.md §7): one variant byte (P2PKH 0, P2SH 1,
/// P2WPKH 2, P2WSH 3, P2TR 4) and the script's hash or program.
/// </summary>
public static class SeraiExternalAddress
{
    // Payload length per variant index: P2PKH and P2SH carry a hash160, P2WPKH a 20-byte program, P2WSH and P2TR 32 bytes.
    private static readonly int[] PayloadLengths = [20, 20, 20, 32, 32];

    /// <summary>
    /// The scriptPubKey <paramref name="address"/> names, or null when it names none (empty, unknown variant, short payload).
    /// Bytes after the payload are ignored, as Serai's revision A decodes burn destinations (serai-chain-formats.md §7, §9);
    /// a P2TR payload is not checked to be a curve point (neither Serai revision does).
    /// </summary>
    public static byte[]? ToScriptPubKey(ReadOnlySpan<byte> address)
    {
        if (address.IsEmpty || address[0] >= PayloadLengths.Length || address.Length - 1 < PayloadLengths[address[0]])
        {
            return null;
        }

        var payload = address.Slice(1, PayloadLengths[address[0]]);
        return address[0] switch
        {
            0 => ScriptPubKeys.PayToPublicKeyHash(payload),
            1 => ScriptPubKeys.PayToScriptHash(payload),
            2 or 3 => ScriptPubKeys.PayToWitness(0, payload),
            _ => ScriptPubKeys.PayToTaproot(payload),
        };
    }

    /// <summary>The address bytes of <paramref name="scriptPubKey"/>, or null when Serai has no variant for that script.</summary>
    public static byte[]? FromScriptPubKey(ReadOnlySpan<byte> scriptPubKey)
    {
        switch (ScriptPubKeys.Classify(scriptPubKey))
        {
            case ScriptKind.PayToPublicKeyHash:
                return [0, .. ScriptPubKeys.GetLegacyHash(scriptPubKey)];
            case ScriptKind.PayToScriptHash:
                return [1, .. ScriptPubKeys.GetLegacyHash(scriptPubKey)];
            case ScriptKind.PayToWitnessPublicKeyHash:
            case ScriptKind.PayToWitnessScriptHash:
            case ScriptKind.PayToTaproot:
                ScriptPubKeys.TryGetWitnessProgram(scriptPubKey, out var version, out var program);
                byte variant = version == 1 ? (byte)4 : program.Length == 20 ? (byte)2 : (byte)3;
                return [variant, .. program];
            default:
                return null;
        }
    }
}
