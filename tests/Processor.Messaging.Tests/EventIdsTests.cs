using Processor.Messaging.Envelopes;

namespace Processor.Messaging.Tests;

public sealed class EventIdsTests
{
    [Fact]
    public void DerivedId_IsPinned_SoReplaysAcrossVersionsKeepDeduplicating()
    {
        // Computed independently (Python's hashlib): SHA-1(namespace || cause || ordinal as 4 big-endian bytes), RFC 9562 v5.
        var cause = Guid.Parse("0192f0c8-7c1a-7b3e-9a4f-1c2d3e4f5a6b");

        Assert.Equal(Guid.Parse("56db44fa-4819-5413-bc4e-2ccaa665aeeb"), EventIds.Derived(cause, 0));
    }

    [Fact]
    public void DerivedIds_DifferByOrdinalAndByCause()
    {
        var first = EventIds.NewFact();
        var second = EventIds.NewFact();

        var ids = new[] { EventIds.Derived(first, 0), EventIds.Derived(first, 1), EventIds.Derived(second, 0), first, second };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void DerivedId_IsAVersion5Rfc9562Uuid()
    {
        var id = EventIds.Derived(EventIds.NewFact(), 3);
        var bytes = id.ToByteArray(bigEndian: true);

        Assert.Equal(5, id.Version);
        Assert.Equal(0x80, bytes[8] & 0xC0);
    }

    [Fact]
    public void NewFact_IsTimeOrderedVersion7()
    {
        var earlier = EventIds.NewFact();
        Thread.Sleep(2);
        var later = EventIds.NewFact();

        Assert.Equal(7, earlier.Version);
        Assert.True(string.CompareOrdinal(earlier.ToString(), later.ToString()) < 0);
    }
}
