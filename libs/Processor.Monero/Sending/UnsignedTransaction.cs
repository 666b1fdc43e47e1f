using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>
/// A transaction with everything but its key images and CLSAGs: outputs, tx extra, fee and Bulletproofs+ are fixed.
/// The key images (which a threshold signer learns only from its signers' shares) order the inputs and complete the
/// prefix; <see cref="WithKeyImages"/> then gives the message and each input's signing data.
/// </summary>
public sealed class UnsignedTransaction
{
    private static readonly byte[] PseudoOutDomain = "Processor.Monero pseudo-out masks"u8.ToArray();
    private readonly byte[] _pseudoOutSeed;

    internal UnsignedTransaction(
        IReadOnlyList<(SpendableOutput Output, Ring Ring)> inputs,
        IReadOnlyList<PlannedOutput> outputs,
        byte[] extra,
        ulong fee,
        BulletproofPlus rangeProof,
        byte[] pseudoOutSeed,
        Eventuality eventuality)
    {
        Inputs = inputs;
        Outputs = outputs;
        Extra = extra;
        Fee = fee;
        RangeProof = rangeProof;
        _pseudoOutSeed = pseudoOutSeed;
        Eventuality = eventuality;
    }

    /// <summary>The spent outputs and their rings, in the request's order.</summary>
    public IReadOnlyList<(SpendableOutput Output, Ring Ring)> Inputs { get; }

    /// <summary>The outputs, in transaction order.</summary>
    public IReadOnlyList<PlannedOutput> Outputs { get; }

    /// <summary>The tx extra bytes (transaction keys, payment id, data).</summary>
    public byte[] Extra { get; }

    /// <summary>The fee.</summary>
    public ulong Fee { get; }

    /// <summary>The aggregate range proof of the outputs.</summary>
    public BulletproofPlus RangeProof { get; }

    /// <summary>What the scanner watches for: this transaction on chain.</summary>
    public Eventuality Eventuality { get; }

    /// <summary>The weight of the signed transaction (key images and CLSAGs have fixed sizes).</summary>
    public ulong Weight => WeightOf(Inputs, Outputs, Extra, Fee, RangeProof);

    /// <summary>
    /// The transaction to sign once the inputs' key images are known (given in <see cref="Inputs"/>' order): inputs
    /// sorted by key image, descending, as monerod requires; pseudo-out masks drawn from the transaction's seed, the
    /// last one balancing the outputs' masks.
    /// </summary>
    public SignableTransaction WithKeyImages(IReadOnlyList<EdwardsPoint> keyImages)
    {
        ArgumentNullException.ThrowIfNull(keyImages);
        if (keyImages.Count != Inputs.Count)
        {
            throw new ArgumentException($"{Inputs.Count} inputs need {Inputs.Count} key images, not {keyImages.Count}.", nameof(keyImages));
        }

        var order = Enumerable.Range(0, Inputs.Count)
            .OrderByDescending(i => keyImages[i].ToArray(), TransactionKeys.ByteOrder.Instance)
            .ToList();
        if (order.Select(i => keyImages[i]).Distinct().Count() != order.Count)
        {
            throw new ArgumentException("Two inputs have the same key image.", nameof(keyImages));
        }

        var random = new ChaCha20Rng(MoneroHash.Keccak(PseudoOutDomain, _pseudoOutSeed));
        var sumOfOutputMasks = Outputs.Select(o => o.Mask).Aggregate((a, b) => a + b);
        var sumOfPseudoOutMasks = MoneroScalars.FromUInt64(0);
        var signing = new List<InputSigningData>(order.Count);
        foreach (var i in order)
        {
            var mask = signing.Count == order.Count - 1 ? sumOfOutputMasks - sumOfPseudoOutMasks : random.NextScalar();
            sumOfPseudoOutMasks += mask;
            signing.Add(new InputSigningData(Inputs[i].Output, Inputs[i].Ring, keyImages[i], mask));
        }

        var unsigned = Assemble([.. order.Select(i => Inputs[i].Ring.KeyOffsets())], [.. order.Select(i => keyImages[i].ToArray())], Outputs, Extra, Fee, RangeProof);
        return new SignableTransaction(unsigned, signing);
    }

    /// <summary>The weight of the signed transaction of these parts (key images, CLSAGs and pseudo-outs have fixed sizes).</summary>
    internal static ulong WeightOf(
        IReadOnlyList<(SpendableOutput Output, Ring Ring)> inputs, IReadOnlyList<PlannedOutput> outputs, byte[] extra, ulong fee, BulletproofPlus rangeProof) =>
        WeightOf([.. inputs.Select(i => i.Ring.KeyOffsets())], outputs, extra, fee, rangeProof);

    /// <summary>The weight of the signed transaction whose rings have these key offsets (each ring's size is its count).</summary>
    internal static ulong WeightOf(
        IReadOnlyList<IReadOnlyList<ulong>> ringKeyOffsets, IReadOnlyList<PlannedOutput> outputs, byte[] extra, ulong fee, BulletproofPlus rangeProof) =>
        Assemble(ringKeyOffsets, [.. ringKeyOffsets.Select(_ => new byte[RctKey.Length])], outputs, extra, fee, rangeProof).Weight();

    /// <summary>
    /// The transaction spending the rings of <paramref name="ringKeyOffsets"/> with these key images, in this order; CLSAGs
    /// and pseudo-outs are zero placeholders of the right size (they are not in the signature hash).
    /// </summary>
    private static MoneroTransaction Assemble(
        IReadOnlyList<IReadOnlyList<ulong>> ringKeyOffsets, IReadOnlyList<byte[]> keyImages, IReadOnlyList<PlannedOutput> outputs, byte[] extra, ulong fee, BulletproofPlus rangeProof)
    {
        var prefix = new TransactionPrefix(
            2,
            0,
            [.. ringKeyOffsets.Select((offsets, i) => new KeyInput(0, offsets, new RctKey(keyImages[i])))],
            [.. outputs.Select(o => o.Output)],
            extra);
        var rctBase = new RctBase(RctType.BulletproofPlus, fee, [.. outputs.Select(o => o.EncryptedAmount)], [.. outputs.Select(o => o.Commitment)]);
        var zero = new RctKey(new byte[RctKey.Length]);
        var clsags = ringKeyOffsets.Select(offsets => new Clsag([.. offsets.Select(_ => zero)], zero, zero)).ToList();
        return MoneroTransaction.CreateV2(prefix, rctBase, new RctPrunable([rangeProof], clsags, [.. ringKeyOffsets.Select(_ => zero)]));
    }
}
