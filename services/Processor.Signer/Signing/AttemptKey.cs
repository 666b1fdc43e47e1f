using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing;

/// <summary>What is signed: a session's Batch or plan transaction (Serai's SignId without the attempt).</summary>
/// <param name="Session">The session whose key signs.</param>
/// <param name="Kind">Batch or transaction.</param>
/// <param name="IdHex">The 32-byte id (Batch sign id or plan id), lower-case hex so that keys compare by value.</param>
public readonly record struct SubjectKey(uint Session, SignKind Kind, string IdHex)
{
    /// <summary>Length of every sign id.</summary>
    public const int IdLength = 32;

    public byte[] Id => Convert.FromHexString(IdHex);

    public static SubjectKey Of(uint session, SignKind kind, byte[] id) => new(session, kind, Convert.ToHexStringLower(id));

    public override string ToString() => $"session {Session} {Kind} {IdHex}";
}

/// <summary>One signing attempt: Serai's SignId (session, kind, id, attempt).</summary>
public readonly record struct AttemptKey(SubjectKey Subject, uint Attempt)
{
    /// <summary>The attempt a coordinator message names.</summary>
    /// <exception cref="PoisonMessageException">The SignId is missing, of no known kind, or its id is not 32 bytes.</exception>
    public static AttemptKey From(SignId? id)
    {
        if (id is null)
        {
            throw new PoisonMessageException("The message has no SignId.");
        }

        if (id.Kind is not (SignKind.Batch or SignKind.Transaction))
        {
            throw new PoisonMessageException($"SignId kind {id.Kind} is neither a Batch nor a transaction.");
        }

        if (id.Id.Length != SubjectKey.IdLength)
        {
            throw new PoisonMessageException($"A SignId's id is {SubjectKey.IdLength} bytes, not {id.Id.Length}.");
        }

        return new AttemptKey(SubjectKey.Of(id.Session, id.Kind, id.Id.ToByteArray()), id.Attempt);
    }

    public SignId ToSignId() => new()
    {
        Session = Subject.Session, Kind = Subject.Kind, Id = ByteString.CopyFrom(Subject.Id), Attempt = Attempt,
    };

    public override string ToString() => $"{Subject} attempt {Attempt}";
}
