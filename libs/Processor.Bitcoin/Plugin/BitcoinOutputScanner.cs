using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Rpc;
using Processor.Bitcoin.Scanning;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Secp256k1;
using Processor.Networks;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Bitcoin.Plugin;

/// <summary>
/// Finds the outputs paying any address kind of the given network keys (coinbase and External dust left out). An External output
/// takes its transaction's OP_RETURN instruction and a presumed origin: the first input, in input order, whose spent
/// output's script Serai can name (needs the node's transaction index for spent outputs of earlier blocks).
/// </summary>
public sealed class BitcoinOutputScanner(BitcoinRpcClient rpc, BitcoinNetwork network) : IOutputScanner
{
    /// <summary>Serai's Coin id of Bitcoin.</summary>
    public const int SeraiCoin = 1;

    public bool IsValidNetworkKey(ReadOnlySpan<byte> networkKey) => Bip340.IsValidXOnlyPublicKey(networkKey);

    public async Task<IReadOnlyList<ReceivedOutput>> ScanAsync(
        NetworkBlock block, IReadOnlyList<byte[]> networkKeys, CancellationToken cancellationToken)
    {
        var bitcoinBlock = BitcoinBlock.From(block).Block;
        if (networkKeys.Count == 0)
        {
            return [];
        }

        var matcher = new ScriptMatcher<(int KeyIndex, AddressKind Kind)>();
        for (var k = 0; k < networkKeys.Count; k++)
        {
            foreach (var kind in AddressKinds.All)
            {
                matcher.Add(AddressKinds.ScriptPubKey(networkKeys[k], kind), (k, kind));
            }
        }

        var outputs = new List<ReceivedOutput>();
        foreach (var found in BlockScanner.FindOutputs(bitcoinBlock, matcher))
        {
            // Dust is a user's deposit too small to be worth spending; our own Change and Branch outputs are never dropped,
            // since a plan may create change down to the relay minimum and losing it would leave the multisig insolvent.
            var amount = found.Output.Value;
            var isExternal = found.Tag.Kind == AddressKind.External;
            if (isExternal && amount < network.DustThreshold)
            {
                continue;
            }

            var instruction = isExternal ? ExternalInstruction.Find(found.Transaction).Data.ToArray() : [];
            var origin = isExternal ? await PresumedOriginAsync(found.Transaction, bitcoinBlock, cancellationToken) : [];
            outputs.Add(new ReceivedOutput(
                found.Tag.KeyIndex, BitcoinOutputKinds.ToOutputKind(found.Tag.Kind), new OutputReference(found.Transaction.Txid.ToArray(), found.OutputIndex), SeraiCoin,
                (ulong)amount, found.Output.ScriptPubKey.ToArray(), instruction, origin));
        }

        return outputs
            .OrderBy(o => o.KeyIndex)
            .ThenBy(o => o.Id.TransactionId, ByteOrder.Instance)
            .ThenBy(o => o.Id.Index)
            .ToList();
    }

    private async Task<byte[]> PresumedOriginAsync(Transaction transaction, Blocks.Block block, CancellationToken cancellationToken)
    {
        foreach (var input in transaction.Inputs)
        {
            var spent = input.PreviousOutput;
            var spentTransaction = block.Transactions.FirstOrDefault(t => t.Txid == spent.Txid)
                ?? Transaction.Parse(await rpc.GetRawTransactionAsync(spent.Txid.ToString(), cancellationToken));
            if (spent.Index < spentTransaction.Outputs.Length
                && SeraiExternalAddress.FromScriptPubKey(spentTransaction.Outputs[(int)spent.Index].ScriptPubKey.Span) is { } address)
            {
                return address;
            }
        }

        return [];
    }


    /// <summary>Lexicographic order of byte strings (the order the contract promises for outputs).</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static ByteOrder Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
