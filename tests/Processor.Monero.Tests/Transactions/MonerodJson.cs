using System.Globalization;
using System.Text.Json.Nodes;
using Processor.Monero.Transactions;

namespace Processor.Monero.Tests.Transactions;

/// <summary>
/// A parsed transaction in the shape of monerod's <c>decode_as_json</c> (as Serai's vectors store it), so a parse can be
/// compared field by field with what monerod decoded.
/// </summary>
internal static class MonerodJson
{
    public static JsonObject Of(MoneroTransaction tx)
    {
        var json = new JsonObject
        {
            ["version"] = tx.Prefix.Version,
            ["unlock_time"] = tx.Prefix.UnlockTime,
            ["vin"] = new JsonArray([.. tx.Prefix.Inputs.Select(Input)]),
            ["vout"] = new JsonArray([.. tx.Prefix.Outputs.Select(Output)]),
            ["extra"] = new JsonArray([.. tx.Prefix.Extra.Select(b => (JsonNode)(int)b)]),
        };
        if (tx.Prefix.Version == 1)
        {
            json["signatures"] = new JsonArray([.. tx.RingSignatures.Select(s => (JsonNode)string.Concat(s.Pairs.Select(p => p.C.ToString() + p.R)))]);
            return json;
        }

        var rct = tx.RctBase!;
        json["rct_signatures"] = rct.Type == RctType.Null
            ? new JsonObject { ["type"] = 0 }
            : new JsonObject
            {
                ["type"] = (int)rct.Type,
                ["txnFee"] = rct.Fee,
                ["ecdhInfo"] = new JsonArray([.. rct.EncryptedAmounts.Select(a => (JsonNode)new JsonObject { ["amount"] = Convert.ToHexStringLower(a) })]),
                ["outPk"] = Keys(rct.OutputCommitments),
            };
        if (tx.Prunable is { } prunable)
        {
            json["rctsig_prunable"] = new JsonObject
            {
                ["nbp"] = prunable.RangeProofs.Count,
                [rct.Type == RctType.BulletproofPlus ? "bpp" : "bp"] = new JsonArray([.. prunable.RangeProofs.Select(RangeProof)]),
                ["CLSAGs"] = new JsonArray([.. prunable.Clsags.Select(c => (JsonNode)new JsonObject { ["s"] = Keys(c.S), ["c1"] = c.C1.ToString(), ["D"] = c.D.ToString() })]),
                ["pseudoOuts"] = Keys(prunable.PseudoOutputs),
            };
        }

        return json;
    }

    private static JsonNode Input(TransactionInput input) => input switch
    {
        GenerationInput gen => new JsonObject { ["gen"] = new JsonObject { ["height"] = gen.Height } },
        KeyInput key => new JsonObject
        {
            ["key"] = new JsonObject
            {
                ["amount"] = key.Amount,
                ["key_offsets"] = new JsonArray([.. key.KeyOffsets.Select(o => (JsonNode)o)]),
                ["k_image"] = key.KeyImage.ToString(),
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    private static JsonNode Output(TransactionOutput output) => new JsonObject
    {
        ["amount"] = output.Amount,
        ["target"] = output.ViewTag is { } tag
            ? new JsonObject { ["tagged_key"] = new JsonObject { ["key"] = output.Key.ToString(), ["view_tag"] = tag.ToString("x2", CultureInfo.InvariantCulture) } }
            : new JsonObject { ["key"] = output.Key.ToString() },
    };

    private static JsonNode RangeProof(RangeProof proof) => proof switch
    {
        BulletproofPlus p => new JsonObject
        {
            ["A"] = p.A.ToString(), ["A1"] = p.A1.ToString(), ["B"] = p.B.ToString(),
            ["r1"] = p.R1.ToString(), ["s1"] = p.S1.ToString(), ["d1"] = p.D1.ToString(),
            ["L"] = Keys(p.L), ["R"] = Keys(p.R),
        },
        Bulletproof p => new JsonObject
        {
            ["A"] = p.A.ToString(), ["S"] = p.S.ToString(), ["T1"] = p.T1.ToString(), ["T2"] = p.T2.ToString(),
            ["taux"] = p.TauX.ToString(), ["mu"] = p.Mu.ToString(), ["L"] = Keys(p.L), ["R"] = Keys(p.R),
            ["a"] = p.SmallA.ToString(), ["b"] = p.SmallB.ToString(), ["t"] = p.T.ToString(),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(proof)),
    };

    private static JsonArray Keys(IEnumerable<RctKey> keys) => new([.. keys.Select(k => (JsonNode)k.ToString())]);
}
