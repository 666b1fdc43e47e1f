namespace Processor.Monero.Scanning;

/// <summary>
/// The subaddresses of the group spend key on which Serai receives each kind of output, as Serai's <c>next</c> branch
/// (era B, <c>processor/monero/src/primitives/mod.rs</c> @ 2aee21e5) assigns them. All four are standard subaddresses of
/// (group spend key, <see cref="SeraiViewKey"/>), which wallet2 can pay and scan; Serai's guaranteed featured addresses
/// are a later extension.
/// </summary>
public static class SeraiSubaddresses
{
    /// <summary>Where users deposit: (1, 0).</summary>
    public static SubaddressIndex External { get; } = new(1, 0);

    /// <summary>Outputs of fan-out plans: (2, 0).</summary>
    public static SubaddressIndex Branch { get; } = new(2, 0);

    /// <summary>Change: (2, 1).</summary>
    public static SubaddressIndex Change { get; } = new(2, 1);

    /// <summary>Forwarded from a retiring key to its successor: (2, 2).</summary>
    public static SubaddressIndex Forwarded { get; } = new(2, 2);

    /// <summary>The four kinds with their names, in the order External, Branch, Change, Forwarded.</summary>
    public static IReadOnlyList<(string Kind, SubaddressIndex Index)> All { get; } =
        [("external", External), ("branch", Branch), ("change", Change), ("forwarded", Forwarded)];
}
