using Processor.Monero.Sending;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// The fee a Monero plan pays: <see cref="TransactionFeeBound"/> for its input and output counts at the block's rate per
/// weight, rounded up to monerod's quantization mask. The exact weight depends on the decoys' key offsets, which are
/// chosen after the plan (their seed is its id), so the plan pays the bound and the builder is handed exactly that fee
/// (as the plan's inputs less its outputs). Monero needs two outputs: a plan of one output is built with a second,
/// zero-amount output to the key's Change address, so it is priced as two outputs paying a subaddress.
/// </summary>
public sealed class MoneroTransactionFees : ITransactionFees
{
    /// <summary>monerod's fee quantization mask (<c>get_fee_estimate</c>'s <c>quantization_mask</c>; Serai's mask).</summary>
    public const ulong QuantizationMask = 10_000;

    public ulong FeeOf(IReadOnlyList<PlannedInput> inputs, IReadOnlyList<byte[]> outputScripts, ulong feeRate)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputScripts);
        var padded = outputScripts.Count < TransactionBuilder.MinOutputs;
        var paysSubaddress = padded || outputScripts.Any(s => s is [SeraiMoneroAddress.Subaddress, ..]);
        return TransactionFeeBound.FeeFor(
            inputs.Count, Math.Max(outputScripts.Count, TransactionBuilder.MinOutputs), paysSubaddress, new FeeRate(feeRate, QuantizationMask));
    }
}
