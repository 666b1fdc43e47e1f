using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Sending;
using Processor.Networks.Plugins.Monero;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>Which bytes the scanner accepts as a Monero eventuality (matching itself is shown against monerod in the scanner's tests).</summary>
public sealed class MoneroEventualityFormTests
{
    private static readonly MoneroEventualities Matcher = new();

    [Fact]
    public void SerializedEventuality_IsWellFormed()
    {
        var key = EdwardsPoint.Decode(MoneroNetworkKeyTests.NewGroupKey());
        var address = new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, key, key);
        var eventuality = new Eventuality(new byte[32], [key], [new Payment(address, 1), new Payment(address, 2)], [1, .. key.Encoding]);

        Assert.True(Matcher.IsWellFormed(eventuality.Serialize()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void OtherBytes_AreNotAnEventuality(string hex) => Assert.False(Matcher.IsWellFormed(Convert.FromHexString(hex)));
}
