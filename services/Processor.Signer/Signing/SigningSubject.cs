using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing;

/// <summary>
/// What one signing subject signs (a Batch: one machine; a transaction: one per input), with which key and scheme, and
/// what it does with the result. The attempt machinery drives every scheme alike: <see cref="PreprocessAsync"/> (secret
/// state per machine, held in memory; public bytes sent), <see cref="Combine"/> (the signing set's preprocesses, checked,
/// fix what is signed) and the <see cref="SigningRound"/> that signs and completes. Rebuilt from the stored request at
/// every step, so a restart loses nothing but the nonces.
/// </summary>
public abstract class SigningSubject(SubjectKey key, CurveKey curveKey)
{
    public SubjectKey Key { get; } = key;

    /// <summary>Our share and the public key package of the key that signs (its participants and threshold).</summary>
    public CurveKey CurveKey { get; } = curveKey;

    /// <summary>How many signatures the subject needs: every preprocess and share message carries one item per machine.</summary>
    public abstract int MachineCount { get; }

    /// <summary>
    /// Draws each machine's nonces, passing its public preprocess to <paramref name="record"/> (which stores it) before
    /// the nonces are handed out. Returns each machine's secret state, for this process's memory only.
    /// </summary>
    public abstract Task<IDisposable[]> PreprocessAsync(Func<byte[], CancellationToken, Task> record, CancellationToken cancellationToken);

    /// <summary>
    /// The round of the signing set: our preprocesses (as stored) and the peers' (as relayed, by participant), decoded and
    /// checked. A bad preprocess is its sender's fault: the round is null and the faults name the senders.
    /// </summary>
    public abstract (SigningRound? Round, List<ParticipantFault> Faults) Combine(
        IReadOnlyList<byte[]> ours, IReadOnlyDictionary<int, IReadOnlyList<byte[]>> peers);
}

/// <summary>One attempt's signing set with what it signs fixed: our shares, then the peers' shares checked and aggregated.</summary>
public abstract class SigningRound
{
    /// <summary>Our share for each machine, with each machine's secret state from <see cref="SigningSubject.PreprocessAsync"/> (consumed).</summary>
    public abstract byte[][] Sign(IReadOnlyList<IDisposable> secrets);

    /// <summary>
    /// Checks the peers' shares (by participant, as relayed) against their preprocesses and verifying shares; when all are
    /// right, aggregates them with <paramref name="ourShares"/>, verifies the result as its verifiers will and emits it.
    /// Returns the faults of the senders of bad shares (then nothing is emitted); throws if a result from good shares
    /// does not verify: nothing unverified is emitted.
    /// </summary>
    public abstract List<ParticipantFault> TryComplete(
        IReadOnlyList<byte[]> ourShares, IReadOnlyDictionary<int, IReadOnlyList<byte[]>> peerShares, HandlerContext context);
}
