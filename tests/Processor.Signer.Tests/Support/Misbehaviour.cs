using Processor.Contracts.Coordinator.V1;
using Processor.Signer.Testing;

namespace Processor.Signer.Tests.Support;

/// <summary>
/// The test playing a validator whose signer misbehaves (<see cref="CheatingParticipant"/>, with that validator's own
/// identity key) in <paramref name="relay"/>'s attempt.
/// </summary>
internal static class Misbehaviour
{
    /// <summary>Participant <paramref name="cheater"/>'s commitments with its network key's C0 moved: its proof of knowledge no longer verifies.</summary>
    public static async Task<KeyGenCommitments> CorruptCommitmentAsync(KeyGenRelay relay, int cheater, KeyGenCommitments honest)
    {
        using var cheating = await CheatingAsync(relay, cheater);
        return cheating.CorruptCommitment(relay.GenerateKeyFor(cheater), honest);
    }

    /// <summary>Participant <paramref name="cheater"/>'s shares with the ciphertext for <paramref name="victim"/> corrupted, signed again.</summary>
    public static async Task<KeyGenShares> CorruptShareAsync(KeyGenRelay relay, int cheater, int victim, KeyGenShares honest)
    {
        using var cheating = await CheatingAsync(relay, cheater);
        return cheating.CorruptShare(relay.GenerateKeyFor(cheater), victim, honest);
    }

    /// <summary>Participant <paramref name="accuser"/>'s accusation of an honest <paramref name="accused"/> (its real decryption key, a good share).</summary>
    public static async Task<byte[]> FalseAccusationAsync(
        KeyGenRelay relay, int accuser, int accused, KeyGenCommitments accusedCommitments, KeyGenShares accusedShares)
    {
        using var cheating = await CheatingAsync(relay, accuser);
        return cheating.FalseAccusation(relay.GenerateKeyFor(accuser), accusedCommitments, accusedShares);
    }

    private static async Task<CheatingParticipant> CheatingAsync(KeyGenRelay relay, int cheater)
    {
        var validator = relay.Validators[cheater - 1];
        return new(await validator.LoadIdentityAsync(), validator.Network, validator.Curve);
    }
}
