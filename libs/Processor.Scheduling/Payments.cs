namespace Processor.Scheduling;

/// <summary>Why the coins are to be paid out.</summary>
public enum PaymentOrigin
{
    /// <summary>A burn on Serai (its block and its index among the block's burns).</summary>
    Burn,

    /// <summary>A refund of an External output without a usable instruction (the acknowledging Serai block and the index among its refunds).</summary>
    Refund,
}

/// <summary>Names one payment everywhere (queue rows, plans, drop reports); the same at every validator.</summary>
/// <param name="Origin">Burn or refund.</param>
/// <param name="SeraiBlockNumber">The Serai block that acknowledged it.</param>
/// <param name="Index">Its index among that block's burns (or refunds).</param>
public sealed record PaymentId(PaymentOrigin Origin, ulong SeraiBlockNumber, uint Index);

/// <summary>A payment asked for by an acknowledgement, before the engine has checked it.</summary>
/// <param name="Id">Which payment.</param>
/// <param name="SeraiCoin">Serai's <c>Coin</c> to pay (must be the network's coin).</param>
/// <param name="Destination">Where to pay, as Serai's <c>ExternalAddress</c> bytes.</param>
/// <param name="Amount">How much, in the coin's smallest unit, before its share of the fee.</param>
public sealed record PaymentRequest(PaymentId Id, int SeraiCoin, byte[] Destination, ulong Amount);

/// <summary>A payment the engine accepted: in the queue, or waiting for a Branch output.</summary>
/// <param name="Id">Which payment.</param>
/// <param name="Destination">Where to pay, as Serai's <c>ExternalAddress</c> bytes (kept for reports).</param>
/// <param name="Script">The locking script paid (what <paramref name="Destination"/> names).</param>
/// <param name="Amount">The amount asked for, before any share of a fee.</param>
public sealed record Payment(PaymentId Id, byte[] Destination, byte[] Script, ulong Amount);

/// <summary>Why a payment will never be made.</summary>
public enum DropReason
{
    /// <summary>Below the network's dust, as asked or after its share of the fee.</summary>
    Dust,

    /// <summary>The destination is not an address this network can pay.</summary>
    InvalidAddress,

    /// <summary>The coin is not the network's.</summary>
    UnsupportedCoin,
}

/// <summary>A payment that will never be made, and why (the service reports it as <c>PaymentDropped</c>).</summary>
/// <param name="Id">Which payment.</param>
/// <param name="Destination">Where it was to go (Serai's <c>ExternalAddress</c> bytes).</param>
/// <param name="Amount">The amount asked for.</param>
/// <param name="Reason">Why it is dropped.</param>
public sealed record DroppedPayment(PaymentId Id, byte[] Destination, ulong Amount, DropReason Reason);
