using Processor.Monero.Addresses;

namespace Processor.Monero.Sending;

/// <summary>An amount (atomic units) to an address: a planned output, change included.</summary>
public sealed record Payment(MoneroAddress Address, ulong Amount);
