using System.Text.Json;

namespace Processor.Monero.Rpc;

/// <summary>What the node did with a transaction given to <c>send_raw_transaction</c>.</summary>
public enum MoneroBroadcastOutcome
{
    /// <summary>Accepted into the pool and relayed.</summary>
    Accepted,

    /// <summary>Already in the pool or the chain (the node answers OK without relaying): for a publisher this is success.</summary>
    AlreadyKnown,

    /// <summary>A key image it spends is already spent (in the chain or another pool transaction).</summary>
    DoubleSpend,

    /// <summary>Refused as invalid: the flags say why (invalid_input for a bad ring signature, fee_too_low, …).</summary>
    Invalid,
}

/// <summary>The node's verdict on a broadcast transaction.</summary>
/// <param name="Outcome">The classification.</param>
/// <param name="Reason">The node's reason text (may be empty).</param>
/// <param name="Flags">The verdict flags the node set (e.g. <c>double_spend</c>, <c>invalid_input</c>, <c>fee_too_low</c>, <c>sanity_check_failed</c>).</param>
public sealed record MoneroBroadcast(MoneroBroadcastOutcome Outcome, string Reason, IReadOnlyList<string> Flags)
{
    // Answer fields that are booleans but not verdicts.
    private static readonly HashSet<string> NotVerdicts = ["untrusted", "not_relayed"];

    /// <summary>Whether the transaction is now in the node's pool or chain.</summary>
    public bool IsSuccess => Outcome is MoneroBroadcastOutcome.Accepted or MoneroBroadcastOutcome.AlreadyKnown;

    /// <summary>Classifies a <c>send_raw_transaction</c> answer; a busy node is a transient <see cref="MoneroRpcException"/>.</summary>
    public static MoneroBroadcast FromAnswer(string method, JsonElement answer)
    {
        var status = MoneroRpcErrorClassifier.Status(answer);
        if (MoneroRpcErrorClassifier.IsBusy(status))
        {
            throw new MoneroRpcException(MoneroRpcErrorKind.Transient, method, "the node is busy");
        }

        var reason = answer.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
        var flags = answer.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.True && !NotVerdicts.Contains(p.Name))
            .Select(p => p.Name)
            .ToList();
        if (MoneroRpcErrorClassifier.IsOk(status))
        {
            var notRelayed = answer.TryGetProperty("not_relayed", out var n) && n.ValueKind == JsonValueKind.True;
            return new MoneroBroadcast(notRelayed ? MoneroBroadcastOutcome.AlreadyKnown : MoneroBroadcastOutcome.Accepted, reason, flags);
        }

        var outcome = flags.Contains("double_spend") ? MoneroBroadcastOutcome.DoubleSpend : MoneroBroadcastOutcome.Invalid;
        return new MoneroBroadcast(outcome, reason.Length > 0 ? reason : $"status '{status}', no reason given", flags);
    }
}
