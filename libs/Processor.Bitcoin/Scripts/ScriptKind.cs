namespace Processor.Bitcoin.Scripts;

/// <summary>The standard output script templates.</summary>
public enum ScriptKind
{
    /// <summary>None of the templates below.</summary>
    NonStandard,

    /// <summary><c>OP_DUP OP_HASH160 &lt;20&gt; OP_EQUALVERIFY OP_CHECKSIG</c>.</summary>
    PayToPublicKeyHash,

    /// <summary><c>OP_HASH160 &lt;20&gt; OP_EQUAL</c>.</summary>
    PayToScriptHash,

    /// <summary>Witness v0 with a 20-byte program.</summary>
    PayToWitnessPublicKeyHash,

    /// <summary>Witness v0 with a 32-byte program.</summary>
    PayToWitnessScriptHash,

    /// <summary>Witness v1 with a 32-byte program (an x-only output key).</summary>
    PayToTaproot,

    /// <summary>Any other witness version or program length (reserved for future upgrades).</summary>
    WitnessUnknown,

    /// <summary>Starts with <c>OP_RETURN</c>: unspendable, carries data.</summary>
    NullData,
}
