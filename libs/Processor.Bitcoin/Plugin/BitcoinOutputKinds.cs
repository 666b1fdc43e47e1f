using Processor.Bitcoin.Addresses;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Bitcoin.Plugin;

/// <summary>The address kind whose offset a network output kind is received with.</summary>
internal static class BitcoinOutputKinds
{
    public static AddressKind ToAddressKind(OutputKind kind) => kind switch
    {
        OutputKind.External => AddressKind.External,
        OutputKind.Branch => AddressKind.Branch,
        OutputKind.Change => AddressKind.Change,
        OutputKind.Forwarded => AddressKind.Forwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an output kind."),
    };
}
