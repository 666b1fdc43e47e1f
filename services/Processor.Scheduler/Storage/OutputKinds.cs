using ContractKind = Processor.Contracts.Common.V1.OutputKind;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Scheduler.Storage;

/// <summary>Output kinds between the plug-in's enum and the contract's numbering, which is also how the tables store them.</summary>
public static class OutputKinds
{
    public static ContractKind ToContract(OutputKind kind) => kind switch
    {
        OutputKind.External => ContractKind.External,
        OutputKind.Branch => ContractKind.Branch,
        OutputKind.Change => ContractKind.Change,
        OutputKind.Forwarded => ContractKind.Forwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an output kind."),
    };

    /// <exception cref="ArgumentOutOfRangeException">The contract's value names no kind of our addresses.</exception>
    public static OutputKind FromContract(ContractKind kind) => kind switch
    {
        ContractKind.External => OutputKind.External,
        ContractKind.Branch => OutputKind.Branch,
        ContractKind.Change => OutputKind.Change,
        ContractKind.Forwarded => OutputKind.Forwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of our addresses."),
    };
}
