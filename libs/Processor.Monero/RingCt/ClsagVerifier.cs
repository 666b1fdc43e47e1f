using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Transactions;

namespace Processor.Monero.RingCt;

/// <summary>Verifies CLSAG ring signatures as monerod's <c>verRctCLSAGSimple</c> does.</summary>
public static class ClsagVerifier
{
    /// <summary>
    /// Whether <paramref name="signature"/> signs <paramref name="message"/> (the transaction's 32-byte signature hash)
    /// for the ring, key image and pseudo-out commitment. False for any invalid signature, including one with a
    /// non-canonical scalar or undecodable D, a response count other than the ring size, a key image that is the
    /// identity or carries torsion, and a D that clears to the identity.
    /// </summary>
    public static bool Verify(Clsag signature, IReadOnlyList<RingMember> ring, EdwardsPoint keyImage, EdwardsPoint pseudoOut, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(keyImage);
        ArgumentNullException.ThrowIfNull(pseudoOut);
        if (ring.Count == 0 || ring.Count != signature.S.Count || keyImage.IsIdentity || !keyImage.IsTorsionFree)
        {
            return false;
        }

        var responses = new Scalar[ring.Count];
        for (var i = 0; i < responses.Length; i++)
        {
            if (!MoneroScalars.Group.TryDeserializeScalar(signature.S[i].Bytes, out var response))
            {
                return false;
            }

            responses[i] = response;
        }

        if (!MoneroScalars.Group.TryDeserializeScalar(signature.C1.Bytes, out var c1) || !EdwardsPoint.TryDecode(signature.D.Bytes, out var dInverseEight))
        {
            return false;
        }

        var d = dInverseEight.MultiplyByCofactor();
        if (d.IsIdentity)
        {
            return false;
        }

        var clsagRing = new ClsagRing(ring, keyImage, pseudoOut, d, dInverseEight, message);
        var (last, _) = clsagRing.Walk(0, ring.Count, c1, responses);
        return last.EqualsConstantTime(c1);
    }
}
