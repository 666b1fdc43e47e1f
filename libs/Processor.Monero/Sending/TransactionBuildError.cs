namespace Processor.Monero.Sending;

/// <summary>Why a transaction could not be built.</summary>
public enum TransactionBuildError
{
    /// <summary>No inputs, or an input's ring does not hold it.</summary>
    InvalidInputs,

    /// <summary>Fewer than two outputs and no change address to add one (Monero needs at least two).</summary>
    NoChange,

    /// <summary>More than 16 outputs (the Bulletproofs+ maximum).</summary>
    TooManyOutputs,

    /// <summary>The inputs do not cover the payments and the fee.</summary>
    NotEnoughFunds,

    /// <summary>A payment the builder cannot make (an integrated or featured address, a network mismatch).</summary>
    InvalidPayment,

    /// <summary>An arbitrary-data field longer than a tx-extra nonce can carry.</summary>
    DataTooLong,
}

/// <summary>A transaction could not be built; <see cref="Error"/> says why.</summary>
public sealed class TransactionBuildException(TransactionBuildError error, string message) : Exception(message)
{
    /// <summary>Why.</summary>
    public TransactionBuildError Error { get; } = error;
}
