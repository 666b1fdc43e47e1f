using System.Security.Cryptography;
using Processor.Contracts;
using Processor.Crypto.Threshold.Dkg;
using Processor.Networks;
using Processor.Signer.Secrets;

namespace Processor.Signer.KeyGeneration;

/// <summary>
/// Re-creates our participant of a ceremony for each step. Its secrets are derived from the storage key and the
/// ceremony's id (HKDF), so the same participant, with the same round-1 message, comes back after any restart: only the
/// public messages received are stored between steps.
/// </summary>
public sealed class CeremonyParticipants(StorageKey storageKey, NetworkTopics topics, INetworkKeyForm networkKeyForm)
{
    /// <summary>Our participant of <paramref name="parameters"/>, started (its round-1 message is <see cref="ResumedCeremony.OwnCommitments"/>).</summary>
    public ResumedCeremony Resume(CeremonyParameters parameters, IdentityKey identity)
    {
        var session = SessionOf(parameters);
        var seed = storageKey.Subkey("ceremony seed", [.. session.Id, (byte)(parameters.OurParticipant >> 8), (byte)parameters.OurParticipant]);
        try
        {
            var participant = new DkgParticipant(session, parameters.OurParticipant, identity, seed);
            return new ResumedCeremony(session, participant, participant.Start());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The public DKG session of <paramref name="parameters"/> on this network's key curve (what evidence is judged in).</summary>
    public DkgSession SessionOf(CeremonyParameters parameters) => parameters.ToDkgSession(topics.Network, networkKeyForm.Curve);
}

/// <summary>Our participant of one ceremony, after round 1. Dispose it to erase its secrets.</summary>
public sealed class ResumedCeremony(DkgSession session, DkgParticipant participant, Round1Message ownCommitments) : IDisposable
{
    public DkgSession Session { get; } = session;

    public DkgParticipant Participant { get; } = participant;

    public Round1Message OwnCommitments { get; } = ownCommitments;

    public void Dispose() => Participant.Dispose();

    public override string ToString() => Participant.ToString();
}
