namespace Processor.Monero.Transactions;

/// <summary>
/// A CLSAG signature as stored: one response per ring member (s), the first challenge (c1), and D = z·Hp(P)/8 (the
/// commitment key image divided by the cofactor). The key image itself is the input's.
/// </summary>
public sealed record Clsag(IReadOnlyList<RctKey> S, RctKey C1, RctKey D);
