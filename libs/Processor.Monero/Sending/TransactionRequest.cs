using Processor.Monero.Addresses;

namespace Processor.Monero.Sending;

/// <summary>What to build: inputs with their rings, payments, change, data for tx extra, the fee rate and the r-seed.</summary>
/// <param name="RSeed">32 secret bytes the transaction keys derive from (with the inputs' keys); the eventuality keeps it.</param>
/// <param name="Inputs">The outputs spent, each with its ring (from <see cref="DecoySelector"/>).</param>
/// <param name="Payments">The payments, at most 16 with the change.</param>
/// <param name="Change">Where what is left after payments and fee goes; null to give the rest to the fee.</param>
/// <param name="Data">Arbitrary-data fields for tx extra (each at most 254 bytes), the first of which a scanner reads as the instruction.</param>
/// <param name="FeeRate">The fee per weight and quantization mask.</param>
public sealed record TransactionRequest(
    byte[] RSeed,
    IReadOnlyList<(SpendableOutput Output, Ring Ring)> Inputs,
    IReadOnlyList<Payment> Payments,
    MoneroAddress? Change,
    IReadOnlyList<byte[]> Data,
    FeeRate FeeRate);
