using ContractKind = Processor.Contracts.Common.V1.OutputKind;

namespace Processor.Networks.Plugins;

/// <summary>
/// Output kinds between the plug-ins' <see cref="OutputKind"/> and the contracts' numbering, which the services' tables
/// also store: the one mapping every service and tool uses.
/// </summary>
public static class ContractOutputKinds
{
    public static ContractKind ToContract(this OutputKind kind) => kind switch
    {
        OutputKind.External => ContractKind.External,
        OutputKind.Branch => ContractKind.Branch,
        OutputKind.Change => ContractKind.Change,
        OutputKind.Forwarded => ContractKind.Forwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an output kind."),
    };

    /// <summary>The kind a contract value names, or null when it names none of our addresses' kinds (unspecified, unknown).</summary>
    public static OutputKind? TryFromContract(ContractKind kind) => kind switch
    {
        ContractKind.External => OutputKind.External,
        ContractKind.Branch => OutputKind.Branch,
        ContractKind.Change => OutputKind.Change,
        ContractKind.Forwarded => OutputKind.Forwarded,
        _ => null,
    };

    /// <exception cref="ArgumentOutOfRangeException">The contract's value names no kind of our addresses.</exception>
    public static OutputKind FromContract(ContractKind kind) =>
        TryFromContract(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of our addresses.");
}
