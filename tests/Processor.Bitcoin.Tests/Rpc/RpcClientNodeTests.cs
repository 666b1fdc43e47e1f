using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Processor.Bitcoin.Rpc;
using Processor.Embedded.Litecoin;
using Processor.Testing.Litecoin;

namespace Processor.Bitcoin.Tests.Rpc;

/// <summary>Every call of the client against a real litecoind regtest node (the shared one: no assumption about heights).</summary>
public sealed class RpcClientNodeTests
{
    private static LitecoinNode Node => LitecoinRegtest.Node;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BlockCountAndHashes_FollowMining()
    {
        var before = await Node.Rpc.GetBlockCountAsync(Cancel);
        var mined = await Node.MineAsync(2, cancellationToken: Cancel);

        Assert.Equal(before + 2, await Node.Rpc.GetBlockCountAsync(Cancel));
        Assert.Equal(mined[1], await Node.Rpc.GetBlockHashAsync(before + 2, Cancel));
        Assert.Equal(mined[1], await Node.Rpc.GetBestBlockHashAsync(Cancel));
    }

    [Fact]
    public async Task RawBlock_HeaderHashesToTheBlockHash()
    {
        var hash = (await Node.MineAsync(1, cancellationToken: Cancel))[0];

        var block = await Node.Rpc.GetBlockAsync(hash, Cancel);

        Assert.True(block.Length > 80);
        Assert.Equal(hash, DisplayHex(SHA256.HashData(SHA256.HashData(block.AsSpan(0, 80)))));
    }

    [Fact]
    public async Task BlockHeader_LinksToItsParent_AndCountsConfirmations()
    {
        var hashes = await Node.MineAsync(2, cancellationToken: Cancel);
        var height = await Node.Rpc.GetBlockCountAsync(Cancel);

        var header = await Node.Rpc.GetBlockHeaderAsync(hashes[0], Cancel);

        Assert.Equal(hashes[0], header.Hash);
        Assert.Equal(height - 1, header.Height);
        Assert.Equal(await Node.Rpc.GetBlockHashAsync(height - 2, Cancel), header.PreviousBlockHash);
        Assert.Equal(2, header.Confirmations);
        Assert.True(header.IsOnBestChain);
        Assert.True(header.MedianTime <= header.Time);
    }

    [Fact]
    public async Task GenesisHeader_HasNoParent()
    {
        var header = await Node.Rpc.GetBlockHeaderAsync(await Node.Rpc.GetBlockHashAsync(0, Cancel), Cancel);

        Assert.Null(header.PreviousBlockHash);
        Assert.Equal(0, header.Height);
    }

    [Fact]
    public async Task SignedTransaction_IsAccepted_Broadcast_Found_AndThenAlreadyKnown()
    {
        var transaction = await WalletSignedPaymentAsync();

        var verdict = await Node.Rpc.TestMempoolAcceptAsync(transaction, Cancel);
        Assert.True(verdict.Allowed, verdict.RejectReason);
        Assert.True(verdict.VirtualSize > 0);
        Assert.True(verdict.FeeSatoshis > 0);

        var txid = await Node.Rpc.SendRawTransactionAsync(transaction, Cancel);
        Assert.Equal(verdict.Txid, txid);
        Assert.Equal(transaction, await Node.Rpc.GetRawTransactionAsync(txid, Cancel));

        var again = await Node.Rpc.TestMempoolAcceptAsync(transaction, Cancel);
        Assert.True(again.IsAlreadyKnown, again.RejectReason);

        await Node.MineAsync(1, cancellationToken: Cancel);
        Assert.Equal(transaction, await Node.Rpc.GetRawTransactionAsync(txid, Cancel));
        var confirmed = await Assert.ThrowsAsync<BitcoinRpcException>(() => Node.Rpc.SendRawTransactionAsync(transaction, Cancel));
        Assert.Equal(RpcErrorKind.AlreadyKnown, confirmed.Kind);
        Assert.Equal(1, confirmed.Attempts);
    }

    [Fact]
    public async Task GarbageTransaction_IsRejected_WithoutRetry()
    {
        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => Node.Rpc.SendRawTransactionAsync(new byte[] { 0, 1, 2 }, Cancel));

        Assert.Equal(RpcErrorKind.Rejected, error.Kind);
        Assert.Equal(-22, error.Code);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task UnknownBlockAndTransaction_AreNotFound()
    {
        var unknown = new string('0', 63) + "1";

        Assert.Equal(RpcErrorKind.NotFound,
            (await Assert.ThrowsAsync<BitcoinRpcException>(() => Node.Rpc.GetBlockHeaderAsync(unknown, Cancel))).Kind);
        Assert.Equal(RpcErrorKind.NotFound,
            (await Assert.ThrowsAsync<BitcoinRpcException>(() => Node.Rpc.GetRawTransactionAsync(unknown, Cancel))).Kind);
    }

    [Fact]
    public async Task HeightAboveTheTip_IsRejected()
    {
        var tip = await Node.Rpc.GetBlockCountAsync(Cancel);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => Node.Rpc.GetBlockHashAsync(tip + 1000, Cancel));

        Assert.Equal(RpcErrorKind.Rejected, error.Kind);
        Assert.Contains("out of range", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WrongPassword_IsRejected_WithoutRetry()
    {
        var options = Node.CreateRpcOptions();
        options.Password = "wrong";
        using var client = new BitcoinRpcClient(options);

        var error = await Assert.ThrowsAsync<BitcoinRpcException>(() => client.GetBlockCountAsync(Cancel));

        Assert.Equal(RpcErrorKind.Rejected, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeeEstimate_OnAFreshChain_HasNoRate_AndSaysWhy()
    {
        await using var fresh = await LitecoinNode.StartAsync(Cancel);

        var estimate = await fresh.Rpc.EstimateSmartFeeAsync(6, Cancel);

        Assert.Null(estimate.SatoshisPerKilovbyte);
        Assert.NotEmpty(estimate.Errors);
    }

    /// <summary>A transaction paying a new wallet address, funded and signed by the wallet, not broadcast.</summary>
    private static async Task<byte[]> WalletSignedPaymentAsync()
    {
        var address = await Node.GetNewAddressAsync(Cancel);
        var outputs = new JsonArray(new JsonObject { [address] = 0.5m });
        var unfunded = await Node.Rpc.CallAsync("createrawtransaction", [new JsonArray(), outputs], Cancel);
        var funded = await Node.Rpc.CallAsync("fundrawtransaction", [unfunded.GetString(), new JsonObject { ["lockUnspents"] = true }], Cancel);
        var signed = await Node.Rpc.CallAsync("signrawtransactionwithwallet", [funded.GetProperty("hex").GetString()], Cancel);
        return Convert.FromHexString(signed.GetProperty("hex").GetString()!);
    }

    private static string DisplayHex(byte[] hash)
    {
        Array.Reverse(hash);
        return Convert.ToHexStringLower(hash);
    }
}
