using Processor.Bitcoin.Serialization;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>
/// The fee of a plan's transaction as <see cref="BitcoinTransactionPlanner"/> builds it, signed: its exact virtual size
/// (BIP141 weight / 4, rounded up) times the rate in sat/vbyte. Every input is a taproot key-path spend with an empty
/// scriptSig and a witness of one 64-byte signature, so the size depends only on the input count and the output scripts.
/// </summary>
public sealed class BitcoinTransactionFees : ITransactionFees
{
    // Version and lock time.
    private const int FixedBytes = 4 + 4;

    // Outpoint (32 + 4), empty scriptSig (its length, 1) and sequence (4).
    private const int InputBytes = 32 + 4 + 1 + 4;

    // Segwit marker and flag: witness data, once per transaction.
    private const int MarkerAndFlagWeight = 2;

    // Item count (1), the signature's length (1) and the 64-byte BIP340 signature (SIGHASH_DEFAULT adds no byte).
    private const int InputWitnessWeight = 1 + 1 + 64;

    // Amount (8) before each output's script and its length.
    private const int AmountBytes = 8;

    private const int WitnessScaleFactor = 4;

    public ulong FeeOf(IReadOnlyList<PlannedInput> inputs, IReadOnlyList<byte[]> outputScripts, ulong feeRate)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputScripts);
        return checked(VirtualSize(inputs.Count, outputScripts) * feeRate);
    }

    /// <summary>The virtual size of the signed transaction with <paramref name="inputCount"/> key-path inputs.</summary>
    public static ulong VirtualSize(int inputCount, IReadOnlyList<byte[]> outputScripts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputCount);
        var outputBytes = outputScripts.Sum(s => (long)AmountBytes + CompactSize.SizeOf((ulong)s.Length) + s.Length);
        var strippedBytes = FixedBytes + CompactSize.SizeOf((ulong)inputCount) + ((long)inputCount * InputBytes)
            + CompactSize.SizeOf((ulong)outputScripts.Count) + outputBytes;
        var weight = (strippedBytes * WitnessScaleFactor) + MarkerAndFlagWeight + ((long)inputCount * InputWitnessWeight);
        return (ulong)((weight + WitnessScaleFactor - 1) / WitnessScaleFactor);
    }
}
