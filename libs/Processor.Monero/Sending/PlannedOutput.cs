using Processor.Crypto.Groups;
using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>One output of a transaction being built: what goes on chain and the opening of its commitment.</summary>
/// <param name="Output">The prefix output (one-time key, view tag).</param>
/// <param name="EncryptedAmount">The 8-byte encrypted amount.</param>
/// <param name="Commitment">mask·G + amount·H.</param>
/// <param name="Mask">The commitment mask.</param>
/// <param name="Amount">The amount.</param>
public sealed record PlannedOutput(TransactionOutput Output, byte[] EncryptedAmount, RctKey Commitment, Scalar Mask, ulong Amount);
