namespace Processor.Monero.Sending;

/// <summary>An amount-0 output of the chain as decoy selection judges it.</summary>
/// <param name="GlobalIndex">Its global amount-0 index.</param>
/// <param name="Key">Its one-time key (32 bytes, possibly not a valid point).</param>
/// <param name="Commitment">Its commitment (32 bytes).</param>
/// <param name="Height">The height of its block.</param>
/// <param name="UnlockTime">Its transaction's unlock time (0 none; a height below 500,000,000; else a Unix time).</param>
public sealed record ChainOutput(ulong GlobalIndex, byte[] Key, byte[] Commitment, long Height, ulong UnlockTime);
