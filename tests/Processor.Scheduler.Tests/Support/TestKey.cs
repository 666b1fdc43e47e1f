using Google.Protobuf;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Plugin;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;
using Processor.Networks;
using Processor.Networks.Plugins;

namespace Processor.Scheduler.Tests.Support;

/// <summary>
/// A session's Bitcoin key whose secret the test holds, standing in for the signers: it signs a plan's transaction the way
/// their threshold signature would (each input with the group secret plus Serai's tweak plus its kind's offset, BIP340), so
/// the scheduler gets a transaction the node accepts.
/// </summary>
public sealed class TestKey : IDisposable
{
    private static readonly Secp256k1Group Curve = Secp256k1Group.Instance;

    private readonly Scalar _spendBase;

    private TestKey(Scalar groupSecret)
    {
        var derivation = Bitcoin.Addresses.NetworkKey.FromGroupKey(Curve.MultiplyGenerator(groupSecret).Serialize());
        using var tweak = Curve.DeserializeScalar(derivation.Tweak);
        _spendBase = groupSecret + tweak;
        NetworkKey = derivation.NetworkKey;
    }

    /// <summary>The key in Serai's published form (32-byte x-only).</summary>
    public byte[] NetworkKey { get; }

    public static TestKey Create()
    {
        using var secret = Curve.RandomScalar();
        return new TestKey(secret);
    }

    /// <summary>The locking script of the key's <paramref name="kind"/> address.</summary>
    public byte[] ScriptOf(AddressKind kind) => AddressKinds.ScriptPubKey(NetworkKey, kind);

    /// <summary>The signer's <c>TransactionSigned</c> for <paramref name="plan"/>: its transaction, built as the signer builds it, signed.</summary>
    public TransactionSigned Sign(PlanCreated plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var transaction = new BitcoinTransactionPlanner().Prepare(new TransactionPlan(
            plan.NetworkKey.ToByteArray(),
            [.. plan.Inputs.Select(i => new PlannedInput(
                new OutputReference(i.Id.Txid.ToByteArray(), (int)i.Id.Vout), i.Amount, i.Script.ToByteArray(), ContractOutputKinds.FromContract(i.Kind)))],
            [.. plan.Payments.Select(p => new PlannedOutput(p.Script.ToByteArray(), p.Amount))],
            plan.Change is null ? null : new PlannedOutput(plan.Change.Script.ToByteArray(), plan.Change.Amount)));
        var signatures = transaction.Inputs.Select(input =>
        {
            using var offset = Curve.DeserializeScalar(input.KeyOffset);
            using var secret = _spendBase + offset;
            return Bip340.Sign(secret.Serialize(), input.Message, new byte[32]);
        }).ToList();
        return new TransactionSigned
        {
            Network = plan.Network,
            Session = plan.Session,
            PlanId = plan.PlanId,
            Txid = ByteString.CopyFrom(transaction.TransactionId),
            Transaction = ByteString.CopyFrom(transaction.Complete(signatures)),
        };
    }

    public void Dispose() => _spendBase.Dispose();
}
