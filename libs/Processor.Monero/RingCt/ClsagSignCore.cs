using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Transactions;

namespace Processor.Monero.RingCt;

/// <summary>
/// A CLSAG with every response but the real member's, and the challenges that response needs:
/// s_π = a − <see cref="KeyChallenge"/>·x − <see cref="CommitmentChallenge"/>·z, with a the nonce behind the supplied
/// commitments, x the secret key and z the mask difference. The threshold signer computes s_π from shares.
/// </summary>
internal sealed record ClsagSignCore(IReadOnlyList<Scalar> Responses, Scalar C1, EdwardsPoint DInverseEight, int RealIndex, Scalar KeyChallenge, Scalar CommitmentChallenge)
{
    /// <summary>The signature with <paramref name="realResponse"/> as s_π.</summary>
    public Clsag Complete(Scalar realResponse)
    {
        var responses = Responses.Select(RctKey.From).ToArray();
        responses[RealIndex] = RctKey.From(realResponse);
        return new Clsag(responses, RctKey.From(C1), RctKey.From(DInverseEight));
    }
}
