namespace Processor.Monero.Multisig;

/// <summary>What a signer got wrong in threshold CLSAG.</summary>
public enum ClsagFault
{
    /// <summary>A nonce's commitments on G and Hp(P) do not carry a valid DLEq proof.</summary>
    NonceProof,

    /// <summary>The key-image share is not x_i·Hp(P) for the signer's verifying share (its DLEq proof fails).</summary>
    KeyImageShare,

    /// <summary>The signature share does not match the signer's nonces and verifying share.</summary>
    SignatureShare,
}

/// <summary>Signers whose contribution to a threshold CLSAG is provably wrong: the culprits, named by participant index.</summary>
public sealed class ThresholdClsagException : Exception
{
    /// <summary>Names <paramref name="culprits"/> and what they got wrong.</summary>
    public ThresholdClsagException(ClsagFault fault, IReadOnlyList<int> culprits)
        : base($"Threshold CLSAG: participant(s) {string.Join(", ", culprits)} sent a bad {Describe(fault)}.")
    {
        Fault = fault;
        Culprits = culprits;
    }

    /// <summary>Creates the exception without culprits (for serializers and tests).</summary>
    public ThresholdClsagException()
        : this("Threshold CLSAG failed.")
    {
    }

    /// <summary>Creates the exception with a message and no culprits.</summary>
    public ThresholdClsagException(string message)
        : base(message) => Culprits = [];

    /// <summary>Creates the exception with a message, an inner exception and no culprits.</summary>
    public ThresholdClsagException(string message, Exception innerException)
        : base(message, innerException) => Culprits = [];

    /// <summary>What the culprits got wrong (meaningless without culprits).</summary>
    public ClsagFault Fault { get; }

    /// <summary>The participants at fault, ascending.</summary>
    public IReadOnlyList<int> Culprits { get; }

    private static string Describe(ClsagFault fault) => fault switch
    {
        ClsagFault.NonceProof => "nonce DLEq proof",
        ClsagFault.KeyImageShare => "key-image share",
        _ => "signature share",
    };
}
