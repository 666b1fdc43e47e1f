using Processor.Monero.Transactions;

namespace Processor.Ctl.Monero;

/// <summary>Maps a parsed transaction to the JSON <c>xmr decode-tx</c> prints.</summary>
internal static class MoneroTransactionJsonMapper
{
    public static MoneroTransactionJson Transaction(MoneroTransaction transaction, int size)
    {
        var prefix = transaction.Prefix;
        var extra = TxExtra.Parse(prefix.Extra);
        var rct = transaction.RctBase;
        return new MoneroTransactionJson(
            Convert.ToHexStringLower(transaction.Hash()),
            prefix.Version,
            prefix.UnlockTime,
            transaction.IsCoinbase,
            size,
            transaction.Weight(),
            rct is null ? null : (int)rct.Type,
            rct?.Type.ToString(),
            rct is null || rct.Type == RctType.Null ? null : rct.Fee,
            transaction.Prunable is null ? null : Convert.ToHexStringLower(transaction.SignatureHash()),
            [.. prefix.Inputs.Select(Input)],
            [.. prefix.Outputs.Select((output, i) => Output(output, i, rct))],
            new MoneroExtraJson(Convert.ToHexStringLower(prefix.Extra), extra.IsFullyParsed, [.. extra.Fields.Select(Field)]));
    }

    private static MoneroInputJson Input(TransactionInput input) => input switch
    {
        GenerationInput generation => new MoneroInputJson("generation", generation.Height, null, null, null, null),
        KeyInput key => new MoneroInputJson("key", null, key.Amount, key.KeyImage.ToString(), key.KeyOffsets, key.AbsoluteOffsets()),
        _ => throw new InvalidOperationException($"An input of type {input.GetType().Name} cannot be shown."),
    };

    private static MoneroOutputJson Output(TransactionOutput output, int index, RctBase? rct)
    {
        var compact = rct is { Type: >= RctType.Bulletproof2 };
        return new MoneroOutputJson(
            index,
            output.Amount,
            output.Key.ToString(),
            output.ViewTag is { } tag ? Convert.ToHexStringLower([tag]) : null,
            compact ? Convert.ToHexStringLower(rct!.EncryptedAmounts[index]) : null,
            compact ? rct!.OutputCommitments[index].ToString() : null);
    }

    private static MoneroExtraFieldJson Field(TxExtraField field) => field switch
    {
        TxExtraPadding padding => new("padding", Length: padding.Length),
        TxExtraPublicKey key => new("publicKey", Key: key.Key.ToString()),
        TxExtraNonce nonce => new(
            "nonce",
            Data: Convert.ToHexStringLower(nonce.Data),
            PaymentId: Hex(nonce.PaymentId),
            EncryptedPaymentId: Hex(nonce.EncryptedPaymentId),
            ArbitraryData: Hex(nonce.ArbitraryData)),
        TxExtraAdditionalPublicKeys keys => new("additionalPublicKeys", Keys: [.. keys.Keys.Select(k => k.ToString())]),
        TxExtraMergeMining mergeMining => new("mergeMining", Data: Convert.ToHexStringLower(mergeMining.Data)),
        TxExtraMinerGate minerGate => new("minerGate", Data: Convert.ToHexStringLower(minerGate.Data)),
        _ => new(field.GetType().Name),
    };

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexStringLower(bytes);
}
