using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Processor.Networks.Plugins.Tests;

/// <summary>What the signer registers of a plug-in names the curve its DKG makes the network key on.</summary>
public sealed class NetworkKeyCurveTests
{
    [Theory]
    [InlineData("bitcoin", NetworkCurve.Secp256k1)]
    [InlineData("bitcoin-testnet", NetworkCurve.Secp256k1)]
    [InlineData("monero", NetworkCurve.Ed25519)]
    [InlineData("monero-regtest", NetworkCurve.Ed25519)]
    public void ConfiguredNetworkSigning_RegistersAKeyForm_NamingTheNetworksCurve(string network, NetworkCurve curve)
    {
        using var services = new ServiceCollection().AddConfiguredNetworkSigning(network).BuildServiceProvider();

        Assert.Equal(curve, services.GetRequiredService<INetworkKeyForm>().Curve);
    }
}
