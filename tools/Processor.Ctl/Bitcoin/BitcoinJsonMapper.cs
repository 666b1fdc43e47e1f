using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Transactions;

namespace Processor.Ctl.Bitcoin;

/// <summary>Turns parsed blocks and transactions into the documented JSON records.</summary>
internal static class BitcoinJsonMapper
{
    public static BlockJson Block(Block block, BitcoinNetwork network)
    {
        var header = block.Header;
        return new BlockJson(
            block.Hash.ToString(),
            header.Version,
            header.PreviousBlockHash.ToString(),
            header.MerkleRoot.ToString(),
            header.Time,
            header.Bits.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            header.Nonce,
            block.Size,
            block.StrippedSize,
            block.Weight,
            block.Transactions.Length,
            block.ComputeMerkleRoot(out var mutated) == header.MerkleRoot && !mutated,
            WitnessCommitmentName(WitnessCommitment.Check(block)),
            network.ProofOfWorkIsSha256 ? header.MeetsProofOfWorkTarget() : null,
            [.. block.Transactions.Select(t => Transaction(t, network))]);
    }

    public static TransactionJson Transaction(Transaction transaction, BitcoinNetwork network)
    {
        var wtxid = transaction.ComputeWtxid().ToString();
        return new TransactionJson(
            transaction.Txid.ToString(),
            wtxid,
            wtxid,
            transaction.Version,
            transaction.LockTime,
            transaction.Size,
            transaction.VirtualSize,
            transaction.Weight,
            transaction.IsCoinbase,
            [.. transaction.Inputs.Select(i => new InputJson(
                i.PreviousOutput.Txid.ToString(),
                i.PreviousOutput.Index,
                Convert.ToHexStringLower(i.ScriptSig.Span),
                i.Sequence,
                [.. i.Witness.ToArray().Select(w => Convert.ToHexStringLower(w.Span))]))],
            [.. transaction.Outputs.Select((o, n) => new OutputJson(
                n,
                o.Value,
                Convert.ToHexStringLower(o.ScriptPubKey.Span),
                ScriptTypeName(ScriptPubKeys.Classify(o.ScriptPubKey.Span)),
                BitcoinAddress.FromScriptPubKey(o.ScriptPubKey.Span, network)))]);
    }

    private static string ScriptTypeName(ScriptKind kind) => kind switch
    {
        ScriptKind.PayToPublicKeyHash => "pubkeyhash",
        ScriptKind.PayToScriptHash => "scripthash",
        ScriptKind.PayToWitnessPublicKeyHash => "witness_v0_keyhash",
        ScriptKind.PayToWitnessScriptHash => "witness_v0_scripthash",
        ScriptKind.PayToTaproot => "witness_v1_taproot",
        ScriptKind.WitnessUnknown => "witness_unknown",
        ScriptKind.NullData => "nulldata",
        _ => "nonstandard",
    };

    private static string WitnessCommitmentName(WitnessCommitmentStatus status) => status switch
    {
        WitnessCommitmentStatus.Valid => "valid",
        WitnessCommitmentStatus.NotPresent => "not-present",
        WitnessCommitmentStatus.Missing => "missing",
        WitnessCommitmentStatus.BadReservedValue => "bad-reserved-value",
        _ => "mismatch",
    };
}
