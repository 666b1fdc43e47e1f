namespace Processor.Bitcoin.Scripts;

/// <summary>Builds and recognizes the standard output scripts (scriptPubKeys).</summary>
public static class ScriptPubKeys
{
    public const byte OpReturn = 0x6a;
    private const byte Op0 = 0x00;
    private const byte Op1 = 0x51;
    private const byte Op16 = 0x60;
    private const byte OpDup = 0x76;
    private const byte OpEqual = 0x87;
    private const byte OpEqualVerify = 0x88;
    private const byte OpHash160 = 0xa9;
    private const byte OpCheckSig = 0xac;

    /// <summary>Which template <paramref name="script"/> follows.</summary>
    public static ScriptKind Classify(ReadOnlySpan<byte> script)
    {
        if (TryGetWitnessProgram(script, out var version, out var program))
        {
            return (version, program.Length) switch
            {
                (0, 20) => ScriptKind.PayToWitnessPublicKeyHash,
                (0, 32) => ScriptKind.PayToWitnessScriptHash,
                (0, _) => ScriptKind.NonStandard,
                (1, 32) => ScriptKind.PayToTaproot,
                _ => ScriptKind.WitnessUnknown,
            };
        }

        if (script.Length == 25 && script[0] == OpDup && script[1] == OpHash160 && script[2] == 20
            && script[23] == OpEqualVerify && script[24] == OpCheckSig)
        {
            return ScriptKind.PayToPublicKeyHash;
        }

        if (script.Length == 23 && script[0] == OpHash160 && script[1] == 20 && script[22] == OpEqual)
        {
            return ScriptKind.PayToScriptHash;
        }

        return !script.IsEmpty && script[0] == OpReturn ? ScriptKind.NullData : ScriptKind.NonStandard;
    }

    /// <summary>
    /// A segwit output script (BIP141): a version opcode (OP_0, OP_1..OP_16) and one direct push of 2 to 40 bytes.
    /// </summary>
    public static bool TryGetWitnessProgram(ReadOnlySpan<byte> script, out int version, out ReadOnlySpan<byte> program)
    {
        version = 0;
        program = default;
        if (script.Length is < 4 or > 42 || script[1] != script.Length - 2 || (script[0] != Op0 && script[0] is < Op1 or > Op16))
        {
            return false;
        }

        version = script[0] == Op0 ? 0 : script[0] - Op1 + 1;
        program = script[2..];
        return true;
    }

    /// <summary>The 20-byte hash of a P2PKH script or the 20-byte script hash of a P2SH script.</summary>
    public static ReadOnlySpan<byte> GetLegacyHash(ReadOnlySpan<byte> script) => Classify(script) switch
    {
        ScriptKind.PayToPublicKeyHash => script.Slice(3, 20),
        ScriptKind.PayToScriptHash => script.Slice(2, 20),
        _ => throw new ArgumentException("Not a P2PKH or P2SH script.", nameof(script)),
    };

    public static byte[] PayToPublicKeyHash(ReadOnlySpan<byte> publicKeyHash) =>
        [OpDup, OpHash160, 20, .. Require(publicKeyHash, 20), OpEqualVerify, OpCheckSig];

    public static byte[] PayToScriptHash(ReadOnlySpan<byte> scriptHash) => [OpHash160, 20, .. Require(scriptHash, 20), OpEqual];

    /// <summary><c>OP_1 &lt;x-only output key&gt;</c>.</summary>
    public static byte[] PayToTaproot(ReadOnlySpan<byte> outputKey) => PayToWitness(1, Require(outputKey, 32));

    /// <summary>A witness output of any version 0..16 with a 2..40-byte program.</summary>
    public static byte[] PayToWitness(int version, ReadOnlySpan<byte> program)
    {
        if (version is < 0 or > 16 || program.Length is < 2 or > 40)
        {
            throw new ArgumentException($"No witness output has version {version} and a {program.Length}-byte program.");
        }

        return [version == 0 ? Op0 : (byte)(Op1 + version - 1), (byte)program.Length, .. program];
    }

    /// <summary><c>OP_RETURN &lt;data&gt;</c> with the smallest push of <paramref name="data"/>.</summary>
    public static byte[] NullData(ReadOnlySpan<byte> data) => [OpReturn, .. ScriptPushes.Push(data)];

    private static ReadOnlySpan<byte> Require(ReadOnlySpan<byte> bytes, int length) =>
        bytes.Length == length ? bytes : throw new ArgumentException($"Expected {length} bytes, got {bytes.Length}.");
}
