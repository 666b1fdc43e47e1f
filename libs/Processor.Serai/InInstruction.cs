using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>Serai's <c>InInstruction</c> (revision A): what Serai does with coins received. Enum: 0 Transfer, 1 Dex.</summary>
public abstract record InInstruction
{
    private const int VariantCount = 2;

    private InInstruction()
    {
    }

    /// <summary>Mint the coins to a Serai account.</summary>
    public sealed record Transfer(SeraiAddress Address) : InInstruction
    {
        protected override void WriteFields(ScaleWriter writer) => Address.WriteTo(writer);
    }

    /// <summary>A DEX call, opaque to the processor (Serai A's pallet cannot execute it; the processor still forwards it).</summary>
    public sealed record Dex(Data Call) : InInstruction
    {
        protected override void WriteFields(ScaleWriter writer) => Call.WriteTo(writer);
    }

    public void WriteTo(ScaleWriter writer)
    {
        writer.WriteByte(this switch { Transfer => 0, Dex => 1, _ => throw new InvalidOperationException("unknown InInstruction") });
        WriteFields(writer);
    }

    /// <summary>SCALE(<c>InInstruction</c>).</summary>
    public byte[] Encode()
    {
        var writer = new ScaleWriter();
        WriteTo(writer);
        return writer.ToArray();
    }

    public static InInstruction Read(ref ScaleReader reader) => reader.ReadEnumIndex(nameof(InInstruction), VariantCount) switch
    {
        0 => new Transfer(SeraiAddress.Read(ref reader)),
        _ => new Dex(Data.Read(ref reader)),
    };

    /// <summary>Decodes exactly one <c>InInstruction</c> (<c>decode_all</c>: nothing may follow it).</summary>
    public static InInstruction Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new ScaleReader(encoded);
        var instruction = Read(ref reader);
        reader.EnsureEnd(nameof(InInstruction));
        return instruction;
    }

    protected abstract void WriteFields(ScaleWriter writer);
}

/// <summary>Serai's <c>RefundableInInstruction</c>: where the coins came from, if known, and the instruction.</summary>
public sealed record RefundableInInstruction(ExternalAddress? Origin, InInstruction Instruction)
{
    public void WriteTo(ScaleWriter writer)
    {
        OptionalAddress.Write(writer, Origin);
        Instruction.WriteTo(writer);
    }

    public static RefundableInInstruction Read(ref ScaleReader reader) =>
        new(OptionalAddress.Read(ref reader, "origin"), InInstruction.Read(ref reader));
}

/// <summary>Serai's <c>InInstructionWithBalance</c>: one instruction of a Batch, <c>instruction ‖ balance</c>.</summary>
public sealed record InInstructionWithBalance(InInstruction Instruction, Balance Balance)
{
    public void WriteTo(ScaleWriter writer)
    {
        Instruction.WriteTo(writer);
        Balance.WriteTo(writer);
    }

    /// <summary>Length of this instruction inside a Batch's encoding.</summary>
    public int EncodedLength => Instruction switch
    {
        InInstruction.Transfer => 1 + SeraiAddress.Size + Balance.EncodedLength,
        InInstruction.Dex dex => 1 + ScaleCompact.EncodedLength((ulong)dex.Call.Length) + dex.Call.Length + Balance.EncodedLength,
        _ => throw new InvalidOperationException("unknown InInstruction"),
    };

    public static InInstructionWithBalance Read(ref ScaleReader reader) => new(InInstruction.Read(ref reader), Balance.Read(ref reader));
}

/// <summary><c>Option&lt;ExternalAddress&gt;</c>, the origin field of instructions.</summary>
internal static class OptionalAddress
{
    public static void Write(ScaleWriter writer, ExternalAddress? address)
    {
        writer.WriteOptionTag(address is not null);
        address?.WriteTo(writer);
    }

    public static ExternalAddress? Read(ref ScaleReader reader, string field) =>
        reader.ReadOptionTag(field) ? ExternalAddress.Read(ref reader) : null;
}
