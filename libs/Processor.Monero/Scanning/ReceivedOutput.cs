using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.Scanning;

/// <summary>An output a view-key scan found to be ours. Its id (as Serai's) is <see cref="Key"/>.</summary>
/// <param name="TransactionHash">The txid of the transaction that created it.</param>
/// <param name="IndexInTransaction">Its position among the transaction's outputs.</param>
/// <param name="GlobalIndex">Its global amount-0 index (what rings reference).</param>
/// <param name="Key">Its one-time key P.</param>
/// <param name="Subaddress">The subaddress it was paid to.</param>
/// <param name="Amount">The decrypted amount, in atomic units (checked against the commitment).</param>
/// <param name="CommitmentMask">The commitment's mask: the commitment is mask·G + amount·H.</param>
/// <param name="KeyOffset">
/// What turns the spend secret b into the output's secret: x = b + offset (offset = Hs(8aR ‖ n) + the subaddress scalar).
/// Public to the signers: a threshold signature adds it to the group key.
/// </param>
/// <param name="PaymentId">The decrypted 8-byte payment id, if the transaction carries an encrypted one.</param>
/// <param name="Data">The transaction's first arbitrary-data field (the instruction), if any.</param>
public sealed record ReceivedOutput(
    string TransactionHash,
    int IndexInTransaction,
    ulong GlobalIndex,
    EdwardsPoint Key,
    SubaddressIndex Subaddress,
    ulong Amount,
    Scalar CommitmentMask,
    Scalar KeyOffset,
    byte[]? PaymentId,
    byte[]? Data);
