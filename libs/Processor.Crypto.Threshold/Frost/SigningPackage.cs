namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// What every signer of one signature must agree on (RFC 9591's commitment list and message), plus the
/// <see cref="KeyOffset"/> of the key being signed for. Built by the coordinator from the collected commitments and sent to
/// every signer and the aggregator.
/// </summary>
public sealed class SigningPackage
{
    private readonly byte[] _message;

    /// <summary>Creates a package; commitments are sorted by identifier and must be of distinct signers.</summary>
    public SigningPackage(IEnumerable<SigningCommitments> commitments, ReadOnlySpan<byte> message, KeyOffset? offset = null)
    {
        Commitments = [.. commitments.OrderBy(c => c.Identifier)];
        if (Commitments.Count == 0 || Commitments.Select(c => c.Identifier).Distinct().Count() != Commitments.Count)
        {
            throw new ArgumentException("Need at least one commitment and at most one per signer.", nameof(commitments));
        }

        if (Commitments.Any(c => !ReferenceEquals(c.Identifier.Group, Commitments[0].Identifier.Group))
            || (offset is not null && !ReferenceEquals(offset.Group, Commitments[0].Identifier.Group)))
        {
            throw new ArgumentException("All commitments and the offset must belong to one group.", nameof(commitments));
        }

        _message = message.ToArray();
        Offset = offset;
        Signers = [.. Commitments.Select(c => c.Identifier)];
    }

    /// <summary>The signers' commitments, sorted by identifier.</summary>
    public IReadOnlyList<SigningCommitments> Commitments { get; }

    /// <summary>The signers, sorted.</summary>
    public IReadOnlyList<Identifier> Signers { get; }

    /// <summary>The message to sign.</summary>
    public ReadOnlySpan<byte> Message => _message;

    /// <summary>The offset of the signed-for key from the group key, if any.</summary>
    public KeyOffset? Offset { get; }

    internal SigningCommitments? Find(Identifier signer) => Commitments.FirstOrDefault(c => c.Identifier == signer);
}
