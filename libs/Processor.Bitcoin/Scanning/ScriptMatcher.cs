using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Processor.Bitcoin.Scanning;

/// <summary>
/// The watched output scripts and what each one belongs to (e.g. a key and an address kind). Lookups take the script as
/// a span of the block's bytes, so matching an output allocates nothing.
/// </summary>
public sealed class ScriptMatcher<TTag>
{
    private readonly Dictionary<byte[], TTag> _scripts = new(ScriptComparer.Instance);
    private readonly Dictionary<byte[], TTag>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public ScriptMatcher()
    {
        _lookup = _scripts.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => _scripts.Count;

    /// <summary>Watches <paramref name="scriptPubKey"/>; a script can only be watched once.</summary>
    public void Add(ReadOnlySpan<byte> scriptPubKey, TTag tag)
    {
        if (!_lookup.TryAdd(scriptPubKey, tag))
        {
            throw new ArgumentException($"Script {Convert.ToHexStringLower(scriptPubKey)} is already watched.", nameof(scriptPubKey));
        }
    }

    public bool Remove(ReadOnlySpan<byte> scriptPubKey) => _lookup.Remove(scriptPubKey);

    public bool TryMatch(ReadOnlySpan<byte> scriptPubKey, [MaybeNullWhen(false)] out TTag tag) => _lookup.TryGetValue(scriptPubKey, out tag);

    /// <summary>Byte-wise equality; the hash mixes the length with the last 8 bytes, which are key or hash material in every standard script.</summary>
    private sealed class ScriptComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static ScriptComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            if (alternate.Length < sizeof(ulong))
            {
                var hash = new HashCode();
                hash.AddBytes(alternate);
                return hash.ToHashCode();
            }

            return HashCode.Combine(alternate.Length, BinaryPrimitives.ReadUInt64LittleEndian(alternate[^sizeof(ulong)..]));
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
