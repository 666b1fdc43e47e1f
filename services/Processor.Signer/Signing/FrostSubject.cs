using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing;

/// <summary>One FROST signature of a subject: the message it signs and the offset of the key it signs for.</summary>
public sealed record SigningMachine(byte[] Message, KeyOffset? Offset);

/// <summary>
/// A subject signed with FROST, whose messages are known before any preprocess: one machine per message, each
/// preprocess a set of nonce commitments, each share a FROST signature share; the signatures go to <see cref="Emit"/>.
/// </summary>
public abstract class FrostSubject(SubjectKey key, FrostCiphersuite suite, CurveKey curveKey, IReadOnlyList<SigningMachine> machines)
    : SigningSubject(key, curveKey)
{
    public FrostCiphersuite Suite { get; } = suite;

    public IReadOnlyList<SigningMachine> Machines { get; } = machines;

    public override int MachineCount => Machines.Count;

    public override async Task<IDisposable[]> PreprocessAsync(Func<byte[], CancellationToken, Task> record, CancellationToken cancellationToken)
    {
        var drawn = new List<SigningNonces>();
        try
        {
            foreach (var _ in Machines)
            {
                drawn.Add(await Suite.CommitAsync(CurveKey.Share, (commitments, ct) => record(commitments.Serialize(), ct), cancellationToken));
            }
        }
        catch
        {
            AttemptNonces.DisposeAll(drawn);
            throw;
        }

        SigningNonces[] nonces = [.. drawn];
        return nonces;
    }

    public override (SigningRound? Round, List<ParticipantFault> Faults) Combine(
        IReadOnlyList<byte[]> ours, IReadOnlyDictionary<int, IReadOnlyList<byte[]>> peers)
    {
        var group = CurveKey.PublicKey.Group;
        var (peerCommitments, faults) = PeerData.Decode(
            peers, Machines.Count, group, (g, b) => SigningCommitments.Deserialize(g, b), c => c.Identifier, "preprocess");
        if (faults.Count > 0)
        {
            return (null, faults);
        }

        var packages = Machines.Select((machine, m) => new SigningPackage(
            peerCommitments.Values.Select(p => p[m]).Append(SigningCommitments.Deserialize(group, ours[m])), machine.Message, machine.Offset)).ToList();
        return (new FrostRound(this, packages), faults);
    }

    /// <summary>
    /// Verifies the aggregated <paramref name="signatures"/> (one per machine) as their verifiers will, then emits the
    /// result. Throws if they do not verify: nothing unverified is emitted.
    /// </summary>
    protected abstract void Emit(IReadOnlyList<byte[]> signatures, HandlerContext context);

    /// <summary>The signing packages of the signing set, one per machine.</summary>
    private sealed class FrostRound(FrostSubject subject, List<SigningPackage> packages) : SigningRound
    {
        public override byte[][] Sign(IReadOnlyList<IDisposable> secrets) =>
            [.. packages.Select((package, m) => subject.Suite.Sign(package, (SigningNonces)secrets[m], subject.CurveKey.Share).Serialize())];

        public override List<ParticipantFault> TryComplete(
            IReadOnlyList<byte[]> ourShares, IReadOnlyDictionary<int, IReadOnlyList<byte[]>> peerShares, HandlerContext context)
        {
            var publicKey = subject.CurveKey.PublicKey;
            var group = publicKey.Group;
            var (decoded, faults) = PeerData.Decode(
                peerShares, packages.Count, group, (g, b) => SignatureShare.Deserialize(g, b), s => s.Identifier, "share");
            foreach (var (participant, shares) in decoded)
            {
                var bad = Enumerable.Range(0, shares.Length).FirstOrDefault(m => !subject.Suite.VerifyShare(packages[m], shares[m], publicKey), -1);
                if (bad >= 0)
                {
                    faults.Add(new ParticipantFault(participant, bad, peerShares[participant][bad],
                        $"its share for machine {bad} does not verify against its verifying share " +
                        Convert.ToHexStringLower(publicKey.VerifyingShares[Identifier.FromIndex(group, participant)].Serialize())));
                }
            }

            if (faults.Count > 0)
            {
                return faults;
            }

            var signatures = packages.Select((package, machine) => subject.Suite.Aggregate(
                package,
                decoded.Values.Select(s => s[machine]).Append(SignatureShare.Deserialize(group, ourShares[machine])),
                publicKey)).ToList();
            subject.Emit(signatures, context);
            return faults;
        }
    }
}
