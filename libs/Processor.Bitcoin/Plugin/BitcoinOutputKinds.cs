using Processor.Bitcoin.Addresses;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Bitcoin.Plugin;

/// <summary>Network output kinds and the address kinds (key offsets) they are received with.</summary>
public static class BitcoinOutputKinds
{
    public static AddressKind ToAddressKind(OutputKind kind) => kind switch
    {
        OutputKind.External => AddressKind.External,
        OutputKind.Branch => AddressKind.Branch,
        OutputKind.Change => AddressKind.Change,
        OutputKind.Forwarded => AddressKind.Forwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an output kind."),
    };

    public static OutputKind ToOutputKind(AddressKind kind) => kind switch
    {
        AddressKind.External => OutputKind.External,
        AddressKind.Branch => OutputKind.Branch,
        AddressKind.Change => OutputKind.Change,
        AddressKind.Forwarded => OutputKind.Forwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an address kind."),
    };
}
