using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>
/// How the simulator makes one validator misbehave, for tests: what it does to that validator's events on their way to the
/// others. Key-generation round messages are signed by their sender's identity key, so an altered commitment or share no
/// longer verifies: the others refuse it as unattributable (dead letter) instead of blaming its sender, and the round times
/// out. (A validator that cheats itself, i.e. signs the bad content, is played with
/// <see cref="CoordinatorSimulation.Misbehave(int, Func{Google.Protobuf.IMessage, Google.Protobuf.IMessage})"/> by whoever holds
/// its identity key.) An altered preprocess is not signed: the others detect it when the shares do not verify
/// (<c>InvalidParticipant</c>).
/// </summary>
public enum Misbehaviour
{
    /// <summary>Its events are relayed as sent.</summary>
    None,

    /// <summary>Its key-generation commitments are corrupted (a bit of the substrate proof of knowledge flipped).</summary>
    CorruptCommitment,

    /// <summary>Its signed shares, as relayed to the lowest-numbered recipient, are corrupted (a bit flipped).</summary>
    CorruptShare,

    /// <summary>Its signing preprocesses are corrupted (nonce commitments that do not match its nonces).</summary>
    CorruptPreprocess,

    /// <summary>Everything it sends is dropped, as if it were offline.</summary>
    Silent,
}

/// <summary>What a misbehaviour does to one event on its way through the coordinator.</summary>
public static class MisbehaviourTransform
{
    /// <summary>The event as the others get to see it; null when it is dropped. The input is never modified.</summary>
    public static IMessage? Apply(Misbehaviour misbehaviour, IMessage message) => (misbehaviour, message) switch
    {
        (Misbehaviour.Silent, _) => null,
        (Misbehaviour.CorruptCommitment, KeyGenCommitments commitments) => CorruptCommitment(commitments),
        (Misbehaviour.CorruptShare, KeyGenShares shares) => CorruptShare(shares),
        (Misbehaviour.CorruptPreprocess, SignPreprocess preprocess) => CorruptPreprocess(preprocess),
        _ => message,
    };

    private static KeyGenCommitments CorruptCommitment(KeyGenCommitments commitments)
    {
        var corrupted = commitments.Clone();
        if (corrupted.Commitments?.Substrate is { } substrate)
        {
            substrate.ProofOfKnowledge = Flipped(substrate.ProofOfKnowledge);
        }

        return corrupted;
    }

    // Only the copy relayed to the lowest-numbered recipient is corrupted: the others receive the shares as sent.
    private static KeyGenShares CorruptShare(KeyGenShares shares)
    {
        var corrupted = shares.Clone();
        if (corrupted.Shares.OrderBy(s => s.Recipient).FirstOrDefault() is { } share)
        {
            share.SignedShares = Flipped(share.SignedShares);
        }

        return corrupted;
    }

    private static SignPreprocess CorruptPreprocess(SignPreprocess preprocess)
    {
        var corrupted = preprocess.Clone();
        for (var i = 0; i < corrupted.Preprocesses.Count; i++)
        {
            corrupted.Preprocesses[i] = Flipped(corrupted.Preprocesses[i]);
        }

        return corrupted;
    }

    // The lowest bit of the last byte: a point encoding becomes another point or none, a scalar another scalar, a
    // ciphertext fails its tag. Empty bytes stay empty (nothing to corrupt).
    private static ByteString Flipped(ByteString bytes)
    {
        if (bytes.IsEmpty)
        {
            return bytes;
        }

        var copy = bytes.ToByteArray();
        copy[^1] ^= 1;
        return ByteString.CopyFrom(copy);
    }
}
