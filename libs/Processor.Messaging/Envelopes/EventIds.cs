using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Processor.Messaging.Envelopes;

/// <summary>
/// Event ids. A new fact gets a time-ordered random id; an event derived from another gets a name-based UUID
/// (RFC 9562 version 5) of its cause, so a replay re-creates the same ids and downstream inboxes drop them.
/// </summary>
public static class EventIds
{
    // Fixed namespace for every id this project derives; changing it would break replay deduplication.
    private static readonly Guid Namespace = new("6f1d3c5e-2b8a-4c1e-9d7a-0e5b4f3a2c10");

    public static Guid NewFact() => Guid.CreateVersion7();

    /// <summary>The id of the <paramref name="ordinal"/>-th event emitted while handling <paramref name="cause"/>.</summary>
    public static Guid Derived(Guid cause, int ordinal)
    {
        Span<byte> name = stackalloc byte[20];
        cause.TryWriteBytes(name, bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(name[16..], ordinal);
        return NameBased(name);
    }

    /// <summary>An id from a stable natural key (e.g. "scanner/block/&lt;hash&gt;").</summary>
    public static Guid FromName(string name) => NameBased(Encoding.UTF8.GetBytes(name));

    private static Guid NameBased(ReadOnlySpan<byte> name)
    {
        Span<byte> input = stackalloc byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input[16..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 specifies for version 5 ids; it is not used for security.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
