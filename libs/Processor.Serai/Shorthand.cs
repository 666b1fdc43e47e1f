using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>
/// Serai's <c>Shorthand</c> (revision A), the data a user attaches to coins sent to an External address. Enum: 0 Raw,
/// 1 Swap, 2 AddLiquidity (serai-chain-formats.md §3).
/// </summary>
public abstract record Shorthand
{
    /// <summary>Serai A truncates an output's data to this many bytes before decoding it (<c>MAX_DATA_LEN</c>).</summary>
    public const int MaxDataLength = Data.MaxLength;

    private const int VariantCount = 3;

    private Shorthand()
    {
    }

    /// <summary>The origin the sender named for refunds, if any.</summary>
    public abstract ExternalAddress? Origin { get; }

    /// <summary>An instruction as it is: the only kind the processor reports.</summary>
    public sealed record Raw(RefundableInInstruction Instruction) : Shorthand
    {
        public override ExternalAddress? Origin => Instruction.Origin;

        protected override void WriteFields(ScaleWriter writer) => Instruction.WriteTo(writer);
    }

    /// <summary>Swap the coins for <paramref name="Coin"/> and pay them out (Serai converts it with <c>todo!()</c>).</summary>
    public sealed record Swap(ExternalAddress? SwapOrigin, Coin Coin, Amount Minimum, OutInstruction Out) : Shorthand
    {
        public override ExternalAddress? Origin => SwapOrigin;

        protected override void WriteFields(ScaleWriter writer)
        {
            OptionalAddress.Write(writer, SwapOrigin);
            writer.Write(Coin);
            writer.WriteU64(Minimum.Value);
            Out.WriteTo(writer);
        }
    }

    /// <summary>Add the coins as liquidity for <paramref name="Address"/> (Serai converts it with <c>todo!()</c>).</summary>
    public sealed record AddLiquidity(ExternalAddress? LiquidityOrigin, Amount Minimum, Amount Gas, SeraiAddress Address) : Shorthand
    {
        public override ExternalAddress? Origin => LiquidityOrigin;

        protected override void WriteFields(ScaleWriter writer)
        {
            OptionalAddress.Write(writer, LiquidityOrigin);
            writer.WriteU64(Minimum.Value);
            writer.WriteU64(Gas.Value);
            Address.WriteTo(writer);
        }
    }

    /// <summary>
    /// What an External output's <paramref name="data"/> asks for, as Serai A reads it: the data truncated to its first 512
    /// bytes, one Shorthand prefix-decoded from its start (bytes after it are ignored). A Raw shorthand gives its
    /// instruction; Swap and AddLiquidity give no usable instruction but their origin; anything that does not decode gives
    /// the reason.
    /// </summary>
    public static ShorthandDecoding Decode(ReadOnlySpan<byte> data)
    {
        var reader = new ScaleReader(data[..Math.Min(data.Length, MaxDataLength)]);
        Shorthand shorthand;
        try
        {
            shorthand = Read(ref reader);
        }
        catch (ScaleDecodingException e)
        {
            return ShorthandDecoding.Rejected(e.Message);
        }

        return new ShorthandDecoding(shorthand, reader.Position, null);
    }

    public static Shorthand Read(ref ScaleReader reader) => reader.ReadEnumIndex(nameof(Shorthand), VariantCount) switch
    {
        0 => new Raw(RefundableInInstruction.Read(ref reader)),
        1 => new Swap(OptionalAddress.Read(ref reader, "origin"), reader.ReadCoin(), new Amount(reader.ReadU64()), OutInstruction.Read(ref reader)),
        _ => new AddLiquidity(
            OptionalAddress.Read(ref reader, "origin"), new Amount(reader.ReadU64()), new Amount(reader.ReadU64()), SeraiAddress.Read(ref reader)),
    };

    /// <summary>SCALE(<c>Shorthand</c>).</summary>
    public byte[] Encode()
    {
        var writer = new ScaleWriter();
        writer.WriteByte(this switch { Raw => 0, Swap => 1, AddLiquidity => 2, _ => throw new InvalidOperationException("unknown Shorthand") });
        WriteFields(writer);
        return writer.ToArray();
    }

    protected abstract void WriteFields(ScaleWriter writer);
}

/// <summary>
/// The outcome of <see cref="Shorthand.Decode"/>: the decoded <see cref="Shorthand"/> and how many bytes it took, or
/// (when nothing decodes) the reason.
/// </summary>
public sealed record ShorthandDecoding(Shorthand? Shorthand, int Consumed, string? RejectionReason)
{
    /// <summary>Why Swap and AddLiquidity give no instruction.</summary>
    public const string UnsupportedReason = "Swap and AddLiquidity shorthands are not supported (Serai converts them with todo!()): no instruction";

    public ShorthandOutcome Outcome => Shorthand switch
    {
        null => ShorthandOutcome.Rejected,
        Shorthand.Raw => ShorthandOutcome.Instruction,
        _ => ShorthandOutcome.Unsupported,
    };

    /// <summary>The instruction to report: present only for a Raw shorthand.</summary>
    public InInstruction? Instruction => (Shorthand as Shorthand.Raw)?.Instruction.Instruction;

    /// <summary>The origin the shorthand carries (for a refund), when one decoded.</summary>
    public ExternalAddress? Origin => Shorthand?.Origin;

    /// <summary>Why there is no instruction to report; null when there is one.</summary>
    public string? Reason => Instruction is not null ? null : RejectionReason ?? UnsupportedReason;

    public static ShorthandDecoding Rejected(string reason) => new(null, 0, reason);
}

/// <summary>What an output's data amounts to.</summary>
public enum ShorthandOutcome
{
    /// <summary>A Raw shorthand: its instruction is reported.</summary>
    Instruction,

    /// <summary>A Swap or AddLiquidity shorthand: no instruction (refunded to its origin when that is usable).</summary>
    Unsupported,

    /// <summary>Nothing decodes: no instruction, and the reason says why.</summary>
    Rejected,
}
