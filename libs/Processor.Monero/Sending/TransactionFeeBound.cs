using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>
/// The most <see cref="TransactionBuilder"/> can need as fee for a transaction of so many inputs and outputs, known before
/// its decoys are chosen (a plan's fee is fixed before its rings, whose seed is the plan's id). Every part of the signed
/// transaction has a size fixed by the counts, except the rings' key offsets (varints): the bound takes each at
/// <see cref="OffsetVarintBound"/> bytes, true while the chain has fewer than 2³⁵ outputs (mainnet had about 1.5·10⁸ in 2024).
/// The tx extra is counted as the builder writes it without data fields. A plan pays exactly this; what the exact weight
/// would not need (about 20 weight per input with mainnet-like rings) goes to the miner.
/// </summary>
public static class TransactionFeeBound
{
    /// <summary>Bytes of the widest key offset: a varint of a value under 2³⁵.</summary>
    public const int OffsetVarintBound = 5;

    // A value whose varint takes OffsetVarintBound bytes (and not fewer).
    private const ulong WidestOffset = (1UL << (7 * OffsetVarintBound)) - 1;

    // Rounds of the fee search: the fee's varint is at most 10 bytes, so the weight stops growing within as many.
    private const int FeeRounds = 12;

    /// <summary>
    /// The fee of a signed transaction spending <paramref name="inputCount"/> outputs with rings of
    /// <see cref="DecoySelector.RingSize"/> to <paramref name="outputCount"/> outputs (change included), with one
    /// additional transaction key per output when <paramref name="paysSubaddress"/>, at <paramref name="rate"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No inputs, or an output count the builder refuses.</exception>
    public static ulong FeeFor(int inputCount, int outputCount, bool paysSubaddress, FeeRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, TransactionBuilder.MinOutputs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputCount, TransactionBuilder.MaxOutputs);

        IReadOnlyList<ulong> offsets = [.. Enumerable.Repeat(WidestOffset, DecoySelector.RingSize)];
        var rings = Enumerable.Repeat(offsets, inputCount).ToList();
        var zero = new RctKey(new byte[RctKey.Length]);
        using var noMask = MoneroScalars.FromUInt64(0);
        var outputs = Enumerable.Range(0, outputCount)
            .Select(_ => new PlannedOutput(new TransactionOutput(0, zero, 0), new byte[8], zero, noMask, 0))
            .ToList();
        IEnumerable<TxExtraField> keyFields = paysSubaddress
            ? [new TxExtraPublicKey(zero), new TxExtraAdditionalPublicKeys([.. outputs.Select(_ => zero)])]
            : [new TxExtraPublicKey(zero)];
        var extra = TransactionBuilder.ExtraOf(keyFields, outputCount, () => new byte[8], []);
        var proof = TransactionBuilder.PlaceholderProof(BulletproofPlusChallenges.Pad(outputCount));

        var fee = 0UL;
        for (var round = 0; round <= FeeRounds; round++)
        {
            var needed = rate.FeeFor(UnsignedTransaction.WeightOf(rings, outputs, extra, fee, proof));
            if (needed == fee)
            {
                return fee;
            }

            fee = needed;
        }

        throw new InvalidOperationException($"The fee bound did not settle in {FeeRounds} rounds (last {fee}).");
    }
}
