using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// A signer's secret round-1 nonces (hiding <c>d</c>, binding <c>e</c>) for exactly one signature. Made only by
/// <see cref="FrostCiphersuite.CommitAsync"/> from fresh randomness, never serialized, and consumed by
/// <see cref="FrostCiphersuite.Sign"/>: a second use throws. Dispose an unused instance to zero it (an abandoned attempt).
/// </summary>
public sealed class SigningNonces : IDisposable
{
    private Scalar? _hiding;
    private Scalar? _binding;
    private int _spent;

    internal SigningNonces(FrostCiphersuite suite, Scalar hiding, Scalar binding, SigningCommitments commitments)
    {
        Suite = suite;
        _hiding = hiding;
        _binding = binding;
        Commitments = commitments;
    }

    /// <summary>The public commitments to these nonces (already recorded by the attempt's owner when this exists).</summary>
    public SigningCommitments Commitments { get; }

    /// <summary>Whether the nonces were used to sign or disposed.</summary>
    public bool IsSpent => Volatile.Read(ref _spent) != 0;

    internal FrostCiphersuite Suite { get; }

    /// <summary>Hands the nonces over exactly once; the caller disposes them.</summary>
    internal (Scalar Hiding, Scalar Binding) Take()
    {
        if (Interlocked.Exchange(ref _spent, 1) != 0)
        {
            throw new InvalidOperationException("These signing nonces were already used or disposed; a nonce signs once.");
        }

        var nonces = (_hiding!, _binding!);
        _hiding = _binding = null;
        return nonces;
    }

    /// <summary>Zeroes the nonces if they were not used.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _spent, 1) == 0)
        {
            _hiding!.Dispose();
            _binding!.Dispose();
            _hiding = _binding = null;
        }
    }

    /// <summary>The signer only: nonces are secret.</summary>
    public override string ToString() => $"signing nonces of participant {Commitments.Identifier}";
}
