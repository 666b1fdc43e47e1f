using System.Buffers.Binary;
using System.Security.Cryptography;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// An accusation that a dealer's share for the accuser is bad (does not decrypt, or does not match the dealer's
/// commitments). It carries the dealer's signed round-1 and round-2 messages, the Diffie-Hellman point
/// <c>S = x_accuser·E_dealer</c> that decrypts the disputed ciphertext, and a DLEQ proof that S is correct for the
/// accuser's identity key; the proof's challenge covers the whole accusation, so only the accuser can make one. Anyone can
/// then decrypt the share and decide: a bad share blames the dealer, a good one the accuser (false accusation).
/// Revealing S exposes only this one ciphertext (E is fresh per ceremony).
/// </summary>
public sealed class ShareAccusation : DkgEvidence
{
    private readonly byte[] _dealerRound1;
    private readonly byte[] _dealerRound2;
    private readonly Point _shared;
    private readonly DleqProof _proof;

    private ShareAccusation(int accuser, int accused, byte[] dealerRound1, byte[] dealerRound2, Point shared, DleqProof proof)
        : base(accused)
    {
        Accuser = accuser;
        _dealerRound1 = dealerRound1;
        _dealerRound2 = dealerRound2;
        _shared = shared;
        _proof = proof;
    }

    /// <summary>The participant who received the bad share.</summary>
    public int Accuser { get; }

    /// <inheritdoc/>
    public override DkgVerdict Judge(DkgSession session)
    {
        Round1Message round1;
        Round2Message round2;
        try
        {
            round1 = Round1Message.Deserialize(session, _dealerRound1);
            round2 = Round2Message.Deserialize(session, _dealerRound2);
        }
        catch (FormatException)
        {
            return new DkgVerdict(null, "the dealer's messages in the accusation are not signed by the dealer");
        }
        catch (DkgBlameException blame)
        {
            return new DkgVerdict(Accused, blame.Message);
        }

        if (round1.Sender != Accused || round2.Sender != Accused || !session.IsParticipant(Accuser) || Accuser == Accused)
        {
            return new DkgVerdict(null, "the accusation's participants do not match its messages");
        }

        if (!_proof.Verify(IdentityKey.AgreementProofDomain, session.IdentityKeyOf(Accuser), round1.EncryptionKey, _shared, ProofContext(session, Accuser, _dealerRound1, _dealerRound2)))
        {
            return new DkgVerdict(null, "the revealed decryption key is not proven to be the accuser's");
        }

        var plaintext = ShareEncryption.Decrypt(session, Accused, Accuser, round1.EncryptionKey, _shared, round2.CiphertextFor(Accuser));
        if (plaintext is null)
        {
            return new DkgVerdict(Accused, $"participant {Accused}'s ciphertext for participant {Accuser} does not decrypt");
        }

        try
        {
            return ShareCheck.Verify(round1, Accuser, plaintext) is { } curve
                ? new DkgVerdict(Accused, $"participant {Accused}'s {curve} share for participant {Accuser} does not match its commitments")
                : new DkgVerdict(Accuser, $"participant {Accuser} falsely accused participant {Accused}: the share is valid");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <inheritdoc/>
    public override byte[] Serialize() =>
        [(byte)EvidenceKind.ShareAccusation, .. DkgSession.EncodeIndex(Accuser), .. _dealerRound1, .. _dealerRound2, .. _shared.Serialize(), .. _proof.Serialize()];

    /// <summary>Builds the accusation as <paramref name="accuser"/>, revealing the shared point for the dealer's ciphertext.</summary>
    internal static ShareAccusation Create(DkgSession session, int accuser, IdentityKey identity, Round1Message dealerRound1, Round2Message dealerRound2)
    {
        var round1 = dealerRound1.Serialize();
        var round2 = dealerRound2.Serialize();
        var shared = identity.Agree(dealerRound1.EncryptionKey);
        var proof = identity.ProveAgreement(dealerRound1.EncryptionKey, shared, ProofContext(session, accuser, round1, round2));
        return new ShareAccusation(accuser, dealerRound1.Sender, round1, round2, shared, proof);
    }

    internal static ShareAccusation Parse(DkgSession session, ReadOnlySpan<byte> payload)
    {
        var round1Length = Round1Message.Length(session);
        var round2Length = Round2Message.Length(session);
        var pointLength = IdentityKey.Group.ElementLength;
        if (payload.Length != 2 + round1Length + round2Length + pointLength + DleqProof.Length(IdentityKey.Group))
        {
            throw new FormatException("A share accusation's length does not match the session.");
        }

        var accuser = BinaryPrimitives.ReadUInt16BigEndian(payload);
        var round1 = payload.Slice(2, round1Length).ToArray();
        var round2 = payload.Slice(2 + round1Length, round2Length).ToArray();
        var rest = payload[(2 + round1Length + round2Length)..];
        var accused = BinaryPrimitives.ReadUInt16BigEndian(round1);
        return new ShareAccusation(accuser, accused, round1, round2, IdentityKey.Group.DeserializeElement(rest[..pointLength]), DleqProof.Deserialize(IdentityKey.Group, rest[pointLength..]));
    }

    private static byte[] ProofContext(DkgSession session, int accuser, byte[] round1, byte[] round2) =>
        [.. session.IdBytes, .. DkgSession.EncodeIndex(accuser), .. SHA256.HashData([.. round1, .. round2])];
}
