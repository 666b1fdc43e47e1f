using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.Keys;

/// <summary>Key images: the tag that makes a second spend of an output visible.</summary>
public static class KeyImage
{
    /// <summary><c>generate_key_image</c>: I = x·Hp(P) for the output key P and its secret x.</summary>
    public static EdwardsPoint Generate(EdwardsPoint outputKey, Scalar outputSecretKey) =>
        MoneroHash.HashToPoint(outputKey.Encoding).Multiply(outputSecretKey);
}
