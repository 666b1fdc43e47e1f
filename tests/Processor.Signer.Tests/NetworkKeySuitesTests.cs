using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Networks;
using Processor.Signer.Keys;

namespace Processor.Signer.Tests;

/// <summary>The curve a plug-in names picks the DKG suite, and the group a stored row names loads on the same curve.</summary>
public sealed class NetworkKeySuitesTests
{
    [Fact]
    public void EachCurve_HasItsSuite_WhoseGroupAStoredRowNamesBack()
    {
        Assert.Same(FrostCiphersuite.Secp256k1Taproot, NetworkKeySuites.Of(NetworkCurve.Secp256k1));
        Assert.Same(FrostCiphersuite.Ed25519Sha512, NetworkKeySuites.Of(NetworkCurve.Ed25519));
        Assert.Same(Secp256k1Group.Instance, NetworkKeySuites.GroupNamed(NetworkKeySuites.Of(NetworkCurve.Secp256k1).Group.Name));
        Assert.Same(Ed25519Group.Instance, NetworkKeySuites.GroupNamed(NetworkKeySuites.Of(NetworkCurve.Ed25519).Group.Name));
    }

    [Fact]
    public void RowNamingAnotherGroup_IsRefused_NamingTheCurvesKnown()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NetworkKeySuites.GroupNamed("ristretto255"));

        Assert.Contains("'ristretto255', which is no network key curve (secp256k1, ed25519)", error.Message, StringComparison.Ordinal);
    }
}
