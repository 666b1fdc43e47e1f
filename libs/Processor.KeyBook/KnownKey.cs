namespace Processor.KeyBook;

/// <summary>Where a session's key is in its life, as the signer's events told it.</summary>
public enum KeyState
{
    /// <summary>Key generation completed (<c>KeyGenerated</c>); not yet confirmed on Serai.</summary>
    Generated,

    /// <summary>Confirmed (<c>KeyActivated</c>): active from its activation time (or block).</summary>
    Active,
}

/// <summary>One session's public key pair as this service knows it.</summary>
/// <param name="Session">The Serai session.</param>
/// <param name="SubstrateKey">The ristretto255 key that signs Batches (32 bytes).</param>
/// <param name="NetworkKey">The external network's key, in Serai's form.</param>
/// <param name="Threshold">Signing threshold t; null when only the activation was seen.</param>
/// <param name="ParticipantCount">Number of participants n; null when only the activation was seen.</param>
/// <param name="State">Generated or active.</param>
/// <param name="ActivationTime">The Serai time the key pair was set; null while generated.</param>
/// <param name="ActivationBlock">The activation block when the signer named one.</param>
public sealed record KnownKey(
    int Session,
    byte[] SubstrateKey,
    byte[] NetworkKey,
    int? Threshold,
    int? ParticipantCount,
    KeyState State,
    DateTimeOffset? ActivationTime,
    long? ActivationBlock);
