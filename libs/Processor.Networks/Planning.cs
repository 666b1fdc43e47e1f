namespace Processor.Networks;

/// <summary>What a plan may contain on this network.</summary>
/// <param name="MaxInputs">Most inputs one transaction may spend (more are aggregated first).</param>
/// <param name="MaxOutputs">Most outputs one transaction may create (more fan out through Branch outputs).</param>
/// <param name="Dust">Outputs and payments below this amount are ignored or dropped (smallest units).</param>
/// <param name="MinimumChange">Change below this amount is not created but left to the fee (Bitcoin: 546, the relay dust).</param>
public sealed record PlanningLimits(int MaxInputs, int MaxOutputs, ulong Dust, ulong MinimumChange);

/// <summary>The fee rate every validator derives from the same block, so that plans are deterministic.</summary>
public interface IFeeRateSource
{
    /// <summary>The fee rate of <paramref name="block"/>'s consensus data, in smallest units per network size unit (Bitcoin: sat/vbyte).</summary>
    Task<ulong> FeeRateOfAsync(ChainBlock block, CancellationToken cancellationToken);
}

/// <summary>What the signers need for one input of a plan's transaction.</summary>
/// <param name="Message">The message the input's FROST signature signs (Bitcoin: the BIP341 sighash).</param>
/// <param name="KeyOffset">The scalar added to the group key for the input's address kind (Serai's per-kind offset).</param>
public sealed record InputSigningData(byte[] Message, byte[] KeyOffset);

/// <summary>A plan's transaction, built by the plug-in, waiting for one signature per input.</summary>
public interface ISignableTransaction
{
    /// <summary>The transaction's id as the network names it (Bitcoin: the txid, internal byte order); signatures do not change it.</summary>
    byte[] TransactionId { get; }

    /// <summary>What each input's signature covers, in input order.</summary>
    IReadOnlyList<InputSigningData> Inputs { get; }

    /// <summary>The serialized transaction with <paramref name="signatures"/> (one per input, in order) in place.</summary>
    byte[] Complete(IReadOnlyList<byte[]> signatures);
}

/// <summary>The fee a plan's transaction pays at a fee rate: the exact size of the signed transaction times the rate.</summary>
public interface ITransactionFees
{
    /// <summary>
    /// The fee of the signed transaction spending <paramref name="inputs"/> and creating outputs locked by
    /// <paramref name="outputScripts"/> (in order, change included), at <paramref name="feeRate"/> (see <see cref="IFeeRateSource"/>).
    /// Amounts do not change it.
    /// </summary>
    /// <exception cref="OverflowException">The fee does not fit in 64 bits.</exception>
    ulong FeeOf(IReadOnlyList<PlannedInput> inputs, IReadOnlyList<byte[]> outputScripts, ulong feeRate);
}

/// <summary>The locking scripts a plan pays: a burn's destination, and the key's own Branch and Change addresses.</summary>
public interface IAddressScripts
{
    /// <summary>
    /// The locking script Serai's <c>ExternalAddress</c> bytes <paramref name="externalAddress"/> name (a burn's destination,
    /// a refund's origin), or null when they name nothing this network can pay.
    /// </summary>
    byte[]? PaymentScript(ReadOnlySpan<byte> externalAddress);

    /// <summary>The locking script of <paramref name="networkKey"/>'s address of <paramref name="kind"/> (what the scanner watches).</summary>
    /// <exception cref="ArgumentException">The key is not a network key of this network.</exception>
    byte[] OwnScript(ReadOnlySpan<byte> networkKey, OutputKind kind);
}
