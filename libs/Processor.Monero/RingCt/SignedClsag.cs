using Processor.Monero.Crypto;
using Processor.Monero.Transactions;

namespace Processor.Monero.RingCt;

/// <summary>One signed input: its CLSAG (as the transaction stores it), the key image it reveals and the pseudo-out commitment it was signed against.</summary>
public sealed record SignedClsag(Clsag Signature, EdwardsPoint KeyImage, EdwardsPoint PseudoOut);
