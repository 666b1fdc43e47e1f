using Processor.Monero.Scanning;

namespace Processor.Networks.Plugins.Monero;

/// <summary>Output kinds and the subaddresses of the group key they are received on (<see cref="SeraiSubaddresses"/>, era B).</summary>
public static class MoneroOutputKinds
{
    /// <summary>The four kinds, in the order of <see cref="OutputKind"/>.</summary>
    public static IReadOnlyList<OutputKind> All { get; } = [OutputKind.External, OutputKind.Branch, OutputKind.Change, OutputKind.Forwarded];

    public static SubaddressIndex ToSubaddress(OutputKind kind) => kind switch
    {
        OutputKind.External => SeraiSubaddresses.External,
        OutputKind.Branch => SeraiSubaddresses.Branch,
        OutputKind.Change => SeraiSubaddresses.Change,
        OutputKind.Forwarded => SeraiSubaddresses.Forwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an output kind."),
    };

    /// <summary>The kind received on <paramref name="subaddress"/>, or null for any other (the primary address included).</summary>
    public static OutputKind? FromSubaddress(SubaddressIndex subaddress) =>
        All.Select(k => (OutputKind?)k).FirstOrDefault(k => ToSubaddress(k!.Value) == subaddress);
}
