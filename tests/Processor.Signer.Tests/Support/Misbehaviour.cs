using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Signer.KeyGeneration;

namespace Processor.Signer.Tests.Support;

/// <summary>
/// The test playing a validator whose signer misbehaves: it signs invalid content with that validator's own identity key,
/// so the fault is attributable (a relay's alteration is not, and is a poison message instead).
/// </summary>
internal static class Misbehaviour
{
    /// <summary>The ceremony of <paramref name="relay"/>'s attempt as the library sees it.</summary>
    public static DkgSession SessionOf(KeyGenRelay relay) =>
        CeremonyParameters.From(relay.GenerateKeyFor(1), relay.Validators[0].IdentityKey).ToDkgSession(ValidatorSigner.Network);

    /// <summary>Participant <paramref name="cheater"/>'s commitments with its secp256k1 C0 moved: its proof of knowledge no longer verifies.</summary>
    public static async Task<KeyGenCommitments> CorruptCommitmentAsync(KeyGenRelay relay, int cheater, KeyGenCommitments honest)
    {
        var session = SessionOf(relay);
        var round1 = DkgWire.ToRound1(session, honest.Commitments);
        var network = round1.Dealings[1];
        var moved = new Dealing([network.Commitments[0] + Secp256k1Group.Instance.Generator, .. network.Commitments.Skip(1)], network.Proof);
        using var identity = await relay.Validators[cheater - 1].LoadIdentityAsync();
        var signed = Round1Message.Create(session, cheater, identity, round1.EncryptionKey, [round1.Dealings[0], moved]);
        return new KeyGenCommitments { Session = honest.Session, Attempt = honest.Attempt, Commitments = DkgWire.ToContract(signed) };
    }

    /// <summary>Participant <paramref name="cheater"/>'s shares with the ciphertext for <paramref name="victim"/> corrupted, signed again.</summary>
    public static async Task<KeyGenShares> CorruptShareAsync(KeyGenRelay relay, int cheater, int victim, KeyGenShares honest)
    {
        var session = SessionOf(relay);
        var round2 = Round2Message.Deserialize(session, honest.Shares[0].SignedShares.Span);
        var ciphertexts = session.Indexes.Where(j => j != cheater).ToDictionary(j => j, j => round2.CiphertextFor(j).ToArray());
        ciphertexts[victim][5] ^= 0x40;
        using var identity = await relay.Validators[cheater - 1].LoadIdentityAsync();
        var signed = ByteString.CopyFrom(Round2Message.Create(session, cheater, identity, [.. round2.Round1Digest], ciphertexts).Serialize());
        var corrupted = honest.Clone();
        foreach (var share in corrupted.Shares)
        {
            share.SignedShares = signed;
        }

        return corrupted;
    }

    /// <summary>Participant <paramref name="accuser"/>'s accusation of an honest <paramref name="accused"/> (its real decryption key, a good share).</summary>
    public static async Task<byte[]> FalseAccusationAsync(
        KeyGenRelay relay, int accuser, int accused, KeyGenCommitments accusedCommitments, KeyGenShares accusedShares)
    {
        var session = SessionOf(relay);
        using var identity = await relay.Validators[accuser - 1].LoadIdentityAsync();
        return ShareAccusation.Create(
            session, accuser, identity, DkgWire.ToRound1(session, accusedCommitments.Commitments),
            Round2Message.Deserialize(session, accusedShares.Shares[0].SignedShares.Span)).Serialize();
    }
}
