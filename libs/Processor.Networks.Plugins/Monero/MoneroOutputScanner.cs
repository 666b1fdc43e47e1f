using Processor.Crypto.Groups;
using Processor.Monero.Scanning;
using Processor.Monero.Sending;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// Finds the outputs paying the four subaddresses of each network key with Serai's shared view key (timelocked ones are
/// never reported, nor External dust). An External output takes its transaction's first arbitrary-data field as the
/// instruction; Monero names no sender, so there is no presumed origin. Each output carries its <see cref="MoneroSpendData"/>.
/// </summary>
public sealed class MoneroOutputScanner : IOutputScanner
{
    /// <summary>Serai's Coin id of Monero.</summary>
    public const int SeraiCoin = 4;

    /// <summary>Instruction bytes kept (Serai's MAX_DATA_LEN; a Monero arbitrary-data field is shorter anyway).</summary>
    public const int MaxInstructionLength = 512;

    private static readonly MoneroAddressScripts AddressScripts = new();

    // Lexicographic order of the ids' bytes (the order the contract promises for outputs).
    private static readonly Comparer<byte[]> TransactionIdOrder = Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y));

    public bool IsValidNetworkKey(ReadOnlySpan<byte> networkKey) => MoneroNetworkKey.IsValid(networkKey);

    public Task<IReadOnlyList<ReceivedOutput>> ScanAsync(NetworkBlock block, IReadOnlyList<byte[]> networkKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(networkKeys);
        var moneroBlock = MoneroNetworkBlock.From(block);
        if (networkKeys.Count == 0 || moneroBlock.Transactions.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ReceivedOutput>>([]);
        }

        var transactions = moneroBlock.Transactions.Select(t => ScannableTransaction.From(t.Transaction, t.GlobalOutputIndices)).ToList();
        var outputs = new List<ReceivedOutput>();
        using var viewKey = SeraiViewKey.Derive();
        for (var k = 0; k < networkKeys.Count; k++)
        {
            outputs.AddRange(ScanKey(k, networkKeys[k], viewKey, transactions));
        }

        return Task.FromResult<IReadOnlyList<ReceivedOutput>>(outputs
            .OrderBy(o => o.KeyIndex)
            .ThenBy(o => o.Id.TransactionId, TransactionIdOrder)
            .ThenBy(o => o.Id.Index)
            .ToList());
    }

    private static List<ReceivedOutput> ScanKey(int keyIndex, byte[] networkKey, Scalar viewKey, List<ScannableTransaction> transactions)
    {
        var table = new SubaddressTable(MoneroNetworkKey.Parse(networkKey), viewKey, MoneroOutputKinds.All.Select(MoneroOutputKinds.ToSubaddress));
        using var scanner = new ViewKeyScanner(viewKey, table);
        var scripts = MoneroOutputKinds.All.ToDictionary(kind => kind, kind => AddressScripts.OwnScript(networkKey, kind));
        var outputs = new List<ReceivedOutput>();
        foreach (var found in scanner.Scan(transactions))
        {
            using var mask = found.CommitmentMask;
            using var offset = found.KeyOffset;
            // Only the four kinds' subaddresses are Serai's; the primary address (always in the table) is nobody's.
            if (MoneroOutputKinds.FromSubaddress(found.Subaddress) is not { } kind)
            {
                continue;
            }

            // Dust is a user's deposit too small to be worth spending; our own outputs are never dropped (losing change
            // would leave the multisig insolvent).
            var isExternal = kind == OutputKind.External;
            if (isExternal && found.Amount < MoneroPlanning.Dust)
            {
                continue;
            }

            var instruction = isExternal && found.Data is { } data ? data.AsSpan(0, Math.Min(data.Length, MaxInstructionLength)).ToArray() : [];
            outputs.Add(new ReceivedOutput(
                keyIndex,
                kind,
                new OutputReference(Convert.FromHexString(found.TransactionHash), found.IndexInTransaction),
                SeraiCoin,
                found.Amount,
                scripts[kind],
                instruction,
                [])
            {
                SpendData = MoneroSpendData.Encode(SpendableOutput.From(found)),
            });
        }

        return outputs;
    }
}
