using Processor.Monero.RingCt;

namespace Processor.Monero.Sending;

/// <summary>
/// The ring of one input: members sorted by global output index (as the transaction lists them), the real spend among
/// them at <see cref="RealIndex"/>.
/// </summary>
/// <param name="GlobalIndices">The members' global amount-0 indices, strictly increasing.</param>
/// <param name="Members">Each member's one-time key and commitment, in the same order.</param>
/// <param name="RealIndex">The position of the output actually spent.</param>
public sealed record Ring(IReadOnlyList<ulong> GlobalIndices, IReadOnlyList<RingMember> Members, int RealIndex)
{
    /// <summary>The indices as a transaction input stores them: the first absolute, each next one relative to its predecessor.</summary>
    public IReadOnlyList<ulong> KeyOffsets() => [.. GlobalIndices.Select((index, i) => i == 0 ? index : index - GlobalIndices[i - 1])];
}
