using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Signer.Keys;

namespace Processor.Signer.Tests;

public sealed class SessionKeysTests
{
    [Fact]
    public void Dispose_ZeroesBothSharesSoTheyCannotBeUsedAgain()
    {
        var substrate = DealtKey(Ristretto255Group.Instance);
        var network = DealtKey(Secp256k1Group.Instance);
        var keys = new SessionKeys(Session: 1, Participant: 1, substrate, network);

        keys.Dispose();

        Assert.Throws<ObjectDisposedException>(() => substrate.Share.ExportSigningShare());
        Assert.Throws<ObjectDisposedException>(() => network.Share.ExportSigningShare());
    }

    private static CurveKey DealtKey(PrimeOrderGroup group)
    {
        var dealt = TrustedDealer.Generate(group, threshold: 2, participants: 3);
        return new CurveKey(dealt.Shares[0], dealt.PublicKey);
    }
}
