using System.Diagnostics.CodeAnalysis;

namespace Processor.Bitcoin.Signing;

/// <summary>The BIP341 signature hash types: which parts of the transaction a taproot signature commits to.</summary>
public enum SighashType : byte
{
    /// <summary>Like <see cref="All"/>, with a 64-byte signature (no hash-type byte appended).</summary>
    Default = 0x00,
    All = 0x01,
    None = 0x02,
    [SuppressMessage("Naming", "CA1720", Justification = "BIP341 calls it SIGHASH_SINGLE.")]
    Single = 0x03,
    AllAnyoneCanPay = 0x81,
    NoneAnyoneCanPay = 0x82,
    SingleAnyoneCanPay = 0x83,
}
