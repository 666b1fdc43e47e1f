using System.Text;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Tests.Dkg;

/// <summary>
/// A whole ceremony of n participants with fresh identity keys; every message goes through its byte form, as the
/// relaying coordinator would carry it.
/// </summary>
public sealed class DkgCeremony : IDisposable
{
    private readonly byte[] _context;
    private readonly FrostCiphersuite? _networkSuite;

    public DkgCeremony(int threshold, int participants, string context = "test session 1, attempt 0", FrostCiphersuite? networkSuite = null)
    {
        _context = Encoding.UTF8.GetBytes(context);
        _networkSuite = networkSuite;
        Identities = [.. Enumerable.Range(0, participants).Select(_ => IdentityKey.Generate())];
        Session = NewSession(threshold);
        Participants = [.. Enumerable.Range(1, participants).Select(i => new DkgParticipant(Session, i, Identities[i - 1]))];
    }

    public DkgSession Session { get; }

    public IReadOnlyList<IdentityKey> Identities { get; }

    public IReadOnlyList<DkgParticipant> Participants { get; }

    /// <summary>The session as an outsider builds it from the public parameters alone (no message of the ceremony).</summary>
    public DkgSession Observer() => NewSession(Session.Threshold);

    public List<byte[]> Round1() => [.. Participants.Select(p => p.Start().Serialize())];

    public List<byte[]> Round2(IReadOnlyList<byte[]> round1) =>
        [.. Participants.Select(p => p.ReceiveRound1(round1.Select(b => Round1Message.Deserialize(Session, b))).Serialize())];

    public DkgResult Finish(int index, IReadOnlyList<byte[]> round2) =>
        Participants[index - 1].ReceiveRound2(round2.Select(b => Round2Message.Deserialize(Session, b)));

    public List<DkgResult> Run()
    {
        var round2 = Round2(Round1());
        return [.. Participants.Select(p => Finish(p.Index, round2))];
    }

    public void Dispose()
    {
        foreach (var participant in Participants)
        {
            participant.Dispose();
        }

        foreach (var identity in Identities)
        {
            identity.Dispose();
        }
    }

    private DkgSession NewSession(int threshold) => new(_context, threshold, [.. Identities.Select(i => i.PublicKey)], _networkSuite);
}
