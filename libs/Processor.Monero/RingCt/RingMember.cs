using Processor.Monero.Crypto;

namespace Processor.Monero.RingCt;

/// <summary>One member of a CLSAG ring: an output's one-time key and its amount commitment (as <c>get_outs</c> returns them).</summary>
public sealed record RingMember(EdwardsPoint Key, EdwardsPoint Commitment);
