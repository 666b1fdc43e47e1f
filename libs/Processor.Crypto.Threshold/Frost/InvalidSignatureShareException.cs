namespace Processor.Crypto.Threshold.Frost;

/// <summary>Aggregation failed because these signers' shares do not verify: the culprits to blame.</summary>
public sealed class InvalidSignatureShareException : Exception
{
    /// <summary>Creates the exception naming the culprits.</summary>
    public InvalidSignatureShareException(IReadOnlyList<Identifier> culprits)
        : base($"Invalid signature share from participant(s) {string.Join(", ", culprits)}.") => Culprits = culprits;

    /// <summary>Creates the exception without culprits (for serializers and tests).</summary>
    public InvalidSignatureShareException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message and no culprits.</summary>
    public InvalidSignatureShareException(string message)
        : base(message) => Culprits = [];

    /// <summary>Creates the exception with a message, an inner exception and no culprits.</summary>
    public InvalidSignatureShareException(string message, Exception innerException)
        : base(message, innerException) => Culprits = [];

    /// <summary>The signers whose shares are invalid, sorted.</summary>
    public IReadOnlyList<Identifier> Culprits { get; }
}
