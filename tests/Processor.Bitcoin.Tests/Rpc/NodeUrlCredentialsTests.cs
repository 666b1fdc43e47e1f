using System.Globalization;
using Processor.Bitcoin.Rpc;
using Processor.Embedded;
using Processor.Testing.Litecoin;

namespace Processor.Bitcoin.Tests.Rpc;

/// <summary>A node URL with <c>user:password@</c> in it: the credentials are used, and never printed.</summary>
public sealed class NodeUrlCredentialsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnreachableNodeWithCredentialsInItsUrl_ErrorShowsTheUrlRedacted()
    {
        var port = LoopbackPorts.GetFreePort();
        using var client = new BitcoinRpcClient(new BitcoinRpcOptions
        {
            Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://user:secret@127.0.0.1:{port}/")),
            MaxAttempts = 1,
        });

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(Cancel));

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"unreachable at http://***@127.0.0.1:{port}/"), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("user:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsInTheUrl_AreSentToTheNode()
    {
        var options = LitecoinRegtest.Node.CreateRpcOptions();
        using var client = new BitcoinRpcClient(new BitcoinRpcOptions
        {
            Url = new UriBuilder(options.Url!) { UserName = options.User, Password = options.Password }.Uri,
        });

        Assert.True(await client.GetBlockCountAsync(Cancel) >= 0);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1234/", "http://127.0.0.1:1234/")]
    [InlineData("http://user:secret@127.0.0.1:1234/", "http://***@127.0.0.1:1234/")]
    [InlineData("http://user@node.example:8332/rpc", "http://***@node.example:8332/rpc")]
    public void Redact_HidesTheUserInformation(string url, string expected) => Assert.Equal(expected, NodeUrl.Redact(new Uri(url)));
}
