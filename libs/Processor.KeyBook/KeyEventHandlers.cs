using Processor.Contracts.Common.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.Consuming;

namespace Processor.KeyBook;

/// <summary>
/// Learns a generated key pair. A later KeyGenerated for a session still only generated replaces it (the coordinator re-ran
/// the session's key generation); for an active session it may only repeat the active pair (then it adds t and n).
/// </summary>
public sealed class KeyGeneratedHandler(KeyBookStore store) : IMessageHandler<KeyGenerated>
{
    public async ValueTask<HandleOutcome> HandleAsync(KeyGenerated message, HandlerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var (substrateKey, networkKey) = KeyPairs.Read(message.KeyPair, nameof(KeyGenerated), message.Session);
        if (message.ParticipantCount == 0 || message.Threshold == 0 || message.Threshold > message.ParticipantCount)
        {
            throw new PoisonMessageException(
                $"KeyGenerated for session {message.Session}: threshold {message.Threshold} of {message.ParticipantCount} participants " +
                "is not a threshold (1 ≤ t ≤ n).");
        }

        var session = KeyPairs.Session(message.Session, nameof(KeyGenerated));
        var known = await store.LockAsync(context.Transaction, session, cancellationToken);
        if (known is { State: KeyState.Active } && !KeyPairs.Same(known, substrateKey, networkKey))
        {
            throw new PoisonMessageException(
                $"KeyGenerated for session {session} names another key pair than the session's active one; the active key is kept.");
        }

        var generated = new KnownKey(
            session, substrateKey, networkKey, (int)message.Threshold, (int)message.ParticipantCount, KeyState.Generated, null, null);
        await store.SaveAsync(
            context.Transaction,
            known is { State: KeyState.Active } ? known with { Threshold = generated.Threshold, ParticipantCount = generated.ParticipantCount } : generated,
            cancellationToken);
        return HandleOutcome.Done;
    }
}

/// <summary>
/// Learns that a key pair was confirmed: it becomes active. It must be the pair generated for the session, when one was
/// seen, and an active key's activation never changes.
/// </summary>
public sealed class KeyActivatedHandler(KeyBookStore store) : IMessageHandler<KeyActivated>
{
    public async ValueTask<HandleOutcome> HandleAsync(KeyActivated message, HandlerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var (substrateKey, networkKey) = KeyPairs.Read(message.KeyPair, nameof(KeyActivated), message.Session);
        if (message.ActivationTime is null)
        {
            throw new PoisonMessageException($"KeyActivated for session {message.Session} has no activation time.");
        }

        var session = KeyPairs.Session(message.Session, nameof(KeyActivated));
        var activationTime = message.ActivationTime.ToDateTimeOffset();
        long? activationBlock = message.HasActivationBlockNumber ? checked((long)message.ActivationBlockNumber) : null;
        var known = await store.LockAsync(context.Transaction, session, cancellationToken);
        if (known is not null && !KeyPairs.Same(known, substrateKey, networkKey))
        {
            throw new PoisonMessageException(
                $"KeyActivated for session {session} names another key pair than the one generated for it; the known key is kept.");
        }

        if (known is { State: KeyState.Active })
        {
            return known.ActivationTime == activationTime && known.ActivationBlock == activationBlock
                ? HandleOutcome.Done
                : throw new PoisonMessageException(
                    $"KeyActivated for session {session} moves the activation of an active key (from {known.ActivationTime:O} to " +
                    $"{activationTime:O}); the first activation is kept.");
        }

        await store.SaveAsync(
            context.Transaction,
            new KnownKey(session, substrateKey, networkKey, known?.Threshold, known?.ParticipantCount, KeyState.Active, activationTime, activationBlock),
            cancellationToken);
        return HandleOutcome.Done;
    }
}

/// <summary>The checks both key events share.</summary>
internal static class KeyPairs
{
    private const int SubstrateKeyLength = 32;

    // Serai's KeyPair allows an external key of up to 96 bytes.
    private const int MaxNetworkKeyLength = 96;

    /// <exception cref="PoisonMessageException">The pair is missing or a key has an impossible length.</exception>
    public static (byte[] SubstrateKey, byte[] NetworkKey) Read(KeyPair? pair, string eventName, uint session)
    {
        if (pair is null)
        {
            throw new PoisonMessageException($"{eventName} for session {session} has no key pair.");
        }

        if (pair.SubstrateKey.Length != SubstrateKeyLength)
        {
            throw new PoisonMessageException(
                $"{eventName} for session {session}: the substrate key has {pair.SubstrateKey.Length} bytes, not {SubstrateKeyLength}.");
        }

        if (pair.NetworkKey.Length is 0 or > MaxNetworkKeyLength)
        {
            throw new PoisonMessageException(
                $"{eventName} for session {session}: the network key has {pair.NetworkKey.Length} bytes (1 to {MaxNetworkKeyLength} expected).");
        }

        return (pair.SubstrateKey.ToByteArray(), pair.NetworkKey.ToByteArray());
    }

    /// <exception cref="PoisonMessageException">The session does not fit the table's integer column.</exception>
    public static int Session(uint session, string eventName) =>
        session <= int.MaxValue ? (int)session : throw new PoisonMessageException($"{eventName}: session {session} is out of range.");

    public static bool Same(KnownKey known, byte[] substrateKey, byte[] networkKey) =>
        known.SubstrateKey.AsSpan().SequenceEqual(substrateKey) && known.NetworkKey.AsSpan().SequenceEqual(networkKey);
}
