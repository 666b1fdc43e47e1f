namespace Processor.Crypto.Threshold.Dkg;

/// <summary>A key-generation ceremony cannot complete. Messages never contain secret values.</summary>
public class DkgException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DkgException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DkgException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DkgException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The ceremony failed because of identified participants: <see cref="Evidence"/> holds, per fault, self-contained proof
/// that any other participant can check with <see cref="DkgEvidence.Judge"/> (the signer sends it to the coordinator).
/// </summary>
public sealed class DkgBlameException : DkgException
{
    /// <summary>Creates the exception.</summary>
    public DkgBlameException(IReadOnlyList<DkgEvidence> evidence, string finding)
        : base($"Participant(s) {string.Join(", ", evidence.Select(e => e.Accused).Distinct())} misbehaved: {finding}") =>
        Evidence = evidence;

    /// <summary>The evidence, one item per fault found.</summary>
    public IReadOnlyList<DkgEvidence> Evidence { get; }

    /// <summary>The participants accused.</summary>
    public IReadOnlyList<int> Accused => [.. Evidence.Select(e => e.Accused).Distinct().Order()];
}
