using System.Globalization;
using System.Text.Json;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Transactions;
using Processor.Embedded.Litecoin;

namespace Processor.Cluster.Testing;

/// <summary>
/// A deposit transaction: its txid, the indexes of its outputs paying the deposit script, the script its first input spent
/// and, when that input's coin was made for it, the transaction that made it.
/// </summary>
public sealed record Deposit(string Txid, IReadOnlyList<int> Vouts, byte[] OriginScript, string? FundingTxid = null);

/// <summary>
/// Deposits from the node's wallet built output by output (the wallet's own RPCs refuse to pay one address twice in a
/// transaction): one wallet coin in, <c>count</c> equal outputs to a script, an optional OP_RETURN carrying the data, and
/// change back to the wallet, at a fixed fee rate so that every run's blocks carry the same rates.
/// </summary>
public sealed class WalletDeposits(LitecoinNode node)
{
    /// <summary>The fee rate of every deposit (sat/vbyte): the wallet's fallback rate on regtest.</summary>
    public const long FeeRate = 20;

    /// <summary>The witness of a P2WPKH input, in vbytes (marker and flag included, rounded up).</summary>
    private const int WitnessVirtualBytes = 28;

    private const long SatoshisPerCoin = 100_000_000;

    /// <summary>Pays <paramref name="count"/> outputs of <paramref name="satoshis"/> each to <paramref name="script"/> from the wallet's largest coin.</summary>
    public async Task<Deposit> SendAsync(ReadOnlyMemory<byte> script, long satoshis, int count, byte[]? data, CancellationToken cancellationToken)
    {
        var coin = await LargestCoinAsync(cancellationToken);
        return await SpendAsync(coin, script, satoshis, count, data, cancellationToken);
    }

    /// <summary>
    /// Pays one output of <paramref name="satoshis"/> to <paramref name="script"/> from a coin of a fresh wallet address (funded
    /// just before, in an unconfirmed transaction), so the deposit's first input names an origin no other transaction uses.
    /// </summary>
    public async Task<Deposit> SendFromFreshOriginAsync(ReadOnlyMemory<byte> script, long satoshis, byte[]? data, CancellationToken cancellationToken)
    {
        var origin = await node.GetNewAddressAsync(cancellationToken);
        var originScript = BitcoinAddress.ToScriptPubKey(origin, BitcoinNetwork.LitecoinRegtest);
        var funding = satoshis + 100_000;
        var txid = await node.SendAsync(origin, funding, null, cancellationToken);
        var vout = (await OutputsOfAsync(txid, cancellationToken)).First(o => o.Script.AsSpan().SequenceEqual(originScript)).Vout;
        var deposit = await SpendAsync(new WalletCoin(txid, vout, funding, originScript), script, satoshis, 1, data, cancellationToken);
        return deposit with { FundingTxid = txid };
    }

    /// <summary>The outputs of a transaction the node knows (its index has every transaction).</summary>
    public async Task<IReadOnlyList<(int Vout, byte[] Script, long Value)>> OutputsOfAsync(string txid, CancellationToken cancellationToken)
    {
        var transaction = await node.Rpc.CallAsync("getrawtransaction", [txid, true], cancellationToken);
        return [.. transaction.GetProperty("vout").EnumerateArray().Select(o => (
            o.GetProperty("n").GetInt32(),
            Convert.FromHexString(o.GetProperty("scriptPubKey").GetProperty("hex").GetString()!),
            Satoshis(o.GetProperty("value"))))];
    }

    /// <summary>An amount as the node prints it (coins, a JSON number) in satoshis.</summary>
    public static long Satoshis(JsonElement coins) => (long)decimal.Round(coins.GetDecimal() * SatoshisPerCoin);

    private async Task<Deposit> SpendAsync(
        WalletCoin coin, ReadOnlyMemory<byte> script, long satoshis, int count, byte[]? data, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var change = BitcoinAddress.ToScriptPubKey(
            (await node.Rpc.CallAsync("getrawchangeaddress", ["bech32"], cancellationToken)).GetString()!, BitcoinNetwork.LitecoinRegtest);
        var outputs = Enumerable.Repeat(new TxOut(satoshis, script), count).ToList();
        if (data is not null)
        {
            outputs.Add(new TxOut(0, ScriptPubKeys.NullData(data)));
        }

        var input = new TxIn(new OutPoint(Hash256.Parse(coin.Txid), (uint)coin.Vout), ReadOnlyMemory<byte>.Empty, 0xFFFF_FFFD, Witness.Empty);
        var withoutChange = Transaction.Create(2, [input], [.. outputs, new TxOut(0, change)], 0);
        var fee = (withoutChange.Size + WitnessVirtualBytes) * FeeRate;
        var rest = coin.Value - (satoshis * count) - fee;
        if (rest < 10_000)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The wallet coin {coin.Txid}:{coin.Vout} ({coin.Value} sat) cannot pay {count} × {satoshis} sat and {fee} sat of fee."));
        }

        var unsigned = Transaction.Create(2, [input], [.. outputs, new TxOut(rest, change)], 0);
        var signed = await node.Rpc.CallAsync("signrawtransactionwithwallet", [Convert.ToHexStringLower(unsigned.Serialized.Span)], cancellationToken);
        if (!signed.GetProperty("complete").GetBoolean())
        {
            throw new InvalidOperationException("The wallet could not sign the deposit: " + signed);
        }

        var txid = await node.Rpc.SendRawTransactionAsync(Convert.FromHexString(signed.GetProperty("hex").GetString()!), cancellationToken);
        return new Deposit(txid, [.. Enumerable.Range(0, count)], coin.Script);
    }

    private async Task<WalletCoin> LargestCoinAsync(CancellationToken cancellationToken)
    {
        var unspent = await node.Rpc.CallAsync("listunspent", [1], cancellationToken);
        var largest = unspent.EnumerateArray()
            .Where(u => u.GetProperty("spendable").GetBoolean())
            .MaxBy(u => u.GetProperty("amount").GetDecimal());
        if (largest.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("The wallet has no confirmed spendable coin: fund it first (LitecoinNode.FundWalletAsync).");
        }

        return new WalletCoin(
            largest.GetProperty("txid").GetString()!,
            largest.GetProperty("vout").GetInt32(),
            Satoshis(largest.GetProperty("amount")),
            Convert.FromHexString(largest.GetProperty("scriptPubKey").GetString()!));
    }

    private sealed record WalletCoin(string Txid, int Vout, long Value, byte[] Script);
}
