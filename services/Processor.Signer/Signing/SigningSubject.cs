using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing;

/// <summary>One FROST signature of a subject: the message it signs and the offset of the key it signs for.</summary>
public sealed record SigningMachine(byte[] Message, KeyOffset? Offset);

/// <summary>
/// What one signing subject signs (a Batch: one machine; a transaction: one per input) with which suite and key, and
/// what it does with the finished signatures. Rebuilt from the stored request at every step, so a restart loses nothing
/// but the nonces.
/// </summary>
public abstract class SigningSubject(SubjectKey key, FrostCiphersuite suite, CurveKey curveKey, IReadOnlyList<SigningMachine> machines)
{
    public SubjectKey Key { get; } = key;

    public FrostCiphersuite Suite { get; } = suite;

    /// <summary>Our share and the public key package of the key that signs.</summary>
    public CurveKey CurveKey { get; } = curveKey;

    public IReadOnlyList<SigningMachine> Machines { get; } = machines;

    /// <summary>
    /// Verifies the aggregated <paramref name="signatures"/> (one per machine) as their verifiers will, then emits the
    /// result. Throws if they do not verify: nothing unverified is emitted.
    /// </summary>
    public abstract void Complete(IReadOnlyList<byte[]> signatures, HandlerContext context);
}
