namespace Processor.Monero.Transactions;

/// <summary>A pre-RingCT (v1) ring signature of one input: a (c, r) pair per ring member.</summary>
public sealed record RingSignature(IReadOnlyList<(RctKey C, RctKey R)> Pairs);
