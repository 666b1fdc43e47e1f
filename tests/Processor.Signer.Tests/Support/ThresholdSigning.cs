using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Signer.Tests.Support;

/// <summary>Signs a message with some participants' keys (FROST, both rounds in-process), to show the keys are usable.</summary>
internal static class ThresholdSigning
{
    public static async Task<byte[]> SignAsync(FrostCiphersuite suite, IReadOnlyList<CurveKey> signers, byte[] message)
    {
        var nonces = new List<SigningNonces>();
        foreach (var signer in signers)
        {
            nonces.Add(await suite.CommitAsync(signer.Share, (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken));
        }

        var package = new SigningPackage(nonces.Select(n => n.Commitments), message);
        var shares = signers.Select((signer, i) => suite.Sign(package, nonces[i], signer.Share)).ToList();
        return suite.Aggregate(package, shares, signers[0].PublicKey);
    }
}
