using Processor.Monero.Crypto;

namespace Processor.Monero.RingCt;

/// <summary>One signed input: its CLSAG, the key image it reveals and the pseudo-out commitment it was signed against.</summary>
public sealed record SignedClsag(Clsag Signature, EdwardsPoint KeyImage, EdwardsPoint PseudoOut);
