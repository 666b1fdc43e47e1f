using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>The Serai revision whose bytes a format follows, where A and next differ.</summary>
public enum SeraiRevision
{
    /// <summary>serai-dex/serai 285422f7 (2023-08-28).</summary>
    A,

    /// <summary>serai-dex/serai branch next @ 2aee21e5 (2024-09).</summary>
    Next,
}

/// <summary>
/// Serai's <c>set_keys_message</c> (§8): <c>prefix ‖ SCALE((ValidatorSet { session, network }, KeyPair))</c>, the message the
/// validator set's MuSig key signs to publish a key pair. The prefix is "ValidatorSets-key_pair" at A and
/// "ValidatorSets-set_keys" at next; the rest is the same.
/// </summary>
public static class SetKeysMessage
{
    public static byte[] Of(uint session, NetworkId network, KeyPair keyPair, SeraiRevision revision)
    {
        var writer = new ScaleWriter();
        writer.WriteBytes(revision switch
        {
            SeraiRevision.A => "ValidatorSets-key_pair"u8,
            SeraiRevision.Next => "ValidatorSets-set_keys"u8,
            _ => throw new ArgumentOutOfRangeException(nameof(revision), revision, "not a Serai revision"),
        });
        writer.WriteU32(session);
        writer.Write(network);
        keyPair.WriteTo(writer);
        return writer.ToArray();
    }
}
