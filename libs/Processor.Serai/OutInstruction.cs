using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>Serai's <c>OutInstruction</c>: where to pay on the external network, with optional data.</summary>
public sealed record OutInstruction(ExternalAddress Address, Data? Data)
{
    public void WriteTo(ScaleWriter writer)
    {
        Address.WriteTo(writer);
        writer.WriteOptionTag(Data is not null);
        Data?.WriteTo(writer);
    }

    public static OutInstruction Read(ref ScaleReader reader) =>
        new(ExternalAddress.Read(ref reader), reader.ReadOptionTag("data") ? Serai.Data.Read(ref reader) : null);
}

/// <summary>Serai's <c>OutInstructionWithBalance</c>, a Burn: pay <see cref="Balance"/> as <see cref="Instruction"/> says.</summary>
public sealed record OutInstructionWithBalance(OutInstruction Instruction, Balance Balance)
{
    /// <summary>SCALE(<c>OutInstructionWithBalance</c>).</summary>
    public byte[] Encode()
    {
        var writer = new ScaleWriter();
        Instruction.WriteTo(writer);
        Balance.WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>Decodes exactly one Burn (<c>decode_all</c>).</summary>
    public static OutInstructionWithBalance Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new ScaleReader(encoded);
        var burn = new OutInstructionWithBalance(OutInstruction.Read(ref reader), Balance.Read(ref reader));
        reader.EnsureEnd(nameof(OutInstructionWithBalance));
        return burn;
    }
}
