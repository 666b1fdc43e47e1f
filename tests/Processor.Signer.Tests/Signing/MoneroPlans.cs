using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using Processor.Monero.Transactions;
using Processor.Networks;
using Processor.Networks.Plugins;
using Processor.Networks.Plugins.Monero;
using ContractOutputKind = Processor.Contracts.Common.V1.OutputKind;
using OutputKind = Processor.Networks.OutputKind;
using PlannedOutput = Processor.Networks.PlannedOutput;

namespace Processor.Signer.Tests.Signing;

/// <summary>
/// Monero plans as the scheduler makes them, built directly: inputs owned by the session's network key (random key offsets
/// and commitment masks, as Serai's addresses give), rings of random decoys with the real output at a random position,
/// one payment to a random address and the change, and the eventuality of the transaction the plug-in builds.
/// </summary>
internal static class MoneroPlans
{
    public const int RingSize = 16;
    public const ulong Fee = 10_000_000_000;

    private static readonly Ed25519Group Group = Ed25519Group.Instance;
    private static readonly MoneroAddressScripts Scripts = new();

    /// <summary>A plan of <paramref name="keys"/>' session spending one output of each of <paramref name="amounts"/>; its rings come back too.</summary>
    public static (PlanCreated Plan, IReadOnlyList<Ring> Rings) Plan(DealtSessionKeys keys, params ulong[] amounts)
    {
        var networkKey = keys.NetworkKey;
        var groupKey = Group.DeserializeElement(networkKey);
        var plan = new PlanCreated
        {
            Network = NetworkId.Monero,
            Session = keys.Session,
            NetworkKey = ByteString.CopyFrom(networkKey),
            PlanId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)),
            Fee = Fee,
        };
        var rings = new List<Ring>();
        foreach (var amount in amounts)
        {
            using var offset = Group.RandomScalar();
            using var mask = Group.RandomScalar();
            var key = EdwardsPoint.FromGroupElement(groupKey + Group.MultiplyGenerator(offset));
            var real = RandomNumberGenerator.GetInt32(RingSize);
            var first = (ulong)RandomNumberGenerator.GetInt32(1_000_000);
            var indices = Enumerable.Range(0, RingSize).Select(i => first + (ulong)(i * 3)).ToList();
            var members = Enumerable.Range(0, RingSize)
                .Select(i => i == real ? new RingMember(key, PedersenCommitment.Commit(mask, amount)) : new RingMember(RandomPoint(), RandomPoint()))
                .ToList();
            rings.Add(new Ring(indices, members, real));
            plan.Inputs.Add(new PlanInput
            {
                Id = new OutputId { Txid = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)), Vout = 0 },
                Amount = amount,
                Script = ByteString.CopyFrom(Scripts.OwnScript(networkKey, OutputKind.External)),
                Kind = ContractOutputKind.External,
                SpendData = ByteString.CopyFrom(MoneroSpendData.Encode(new SpendableOutput(key, indices[real], amount, mask, offset))),
            });
        }

        var paid = amounts.Aggregate(0UL, (sum, a) => sum + a) / 2;
        plan.Payments.Add(new PlanPayment
        {
            Script = ByteString.CopyFrom(SeraiMoneroAddress.OfSubaddress(RandomPoint(), RandomPoint())), Amount = paid, Kind = PaymentKind.External,
        });
        plan.Change = new PlanChange
        {
            Script = ByteString.CopyFrom(Scripts.OwnScript(networkKey, OutputKind.Change)),
            Amount = amounts.Aggregate(0UL, (sum, a) => sum + a) - paid - Fee,
        };
        WithRings(plan, rings);
        return (plan, rings);
    }

    /// <summary>What the scheduler adds to <paramref name="plan"/> once it chose its rings: the signing data and the eventuality of the plug-in's transaction.</summary>
    public static void WithRings(PlanCreated plan, IReadOnlyList<Ring> rings)
    {
        plan.SigningData = ByteString.CopyFrom(MoneroPlanRings.Encode(rings));
        plan.EventualityTxid = ByteString.CopyFrom(MoneroPlanTransactions.Build(plan.PlanId.Span, TransactionPlanOf(plan), rings).Eventuality.Serialize());
    }

    /// <summary>The plan as the plug-in reads it (the scheduler's side of the contract).</summary>
    public static TransactionPlan TransactionPlanOf(PlanCreated plan) => new(
        plan.NetworkKey.ToByteArray(),
        [.. plan.Inputs.Select(i => new PlannedInput(
            new OutputReference(i.Id.Txid.ToByteArray(), (int)i.Id.Vout), i.Amount, i.Script.ToByteArray(), ContractOutputKinds.TryFromContract(i.Kind)!.Value)
        {
            SpendData = i.SpendData.ToByteArray(),
        })],
        [.. plan.Payments.Select(p => new PlannedOutput(p.Script.ToByteArray(), p.Amount))],
        plan.Change is null ? null : new PlannedOutput(plan.Change.Script.ToByteArray(), plan.Change.Amount));

    /// <summary>The plan's SignId at <paramref name="attempt"/>.</summary>
    public static SignId SignIdOf(PlanCreated plan, uint attempt = 0) =>
        new() { Session = plan.Session, Kind = SignKind.Transaction, Id = plan.PlanId, Attempt = attempt };

    /// <summary>
    /// The transaction of <paramref name="signed"/>, checked as monerod would before it takes it: the txid, every CLSAG
    /// against its ring, the Bulletproofs+ against the outputs, and that it is the plan's eventuality.
    /// </summary>
    public static MoneroTransaction Verified(PlanCreated plan, IReadOnlyList<Ring> rings, TransactionSigned signed)
    {
        Assert.Equal((plan.PlanId, plan.Session), (signed.PlanId, signed.Session));
        var transaction = MoneroTransaction.Parse(signed.Transaction.Span);
        Assert.Equal(signed.Txid.ToByteArray(), transaction.Hash());
        var prunable = transaction.Prunable!;
        var inputs = transaction.Prefix.Inputs.Cast<KeyInput>().ToList();
        Assert.Equal(rings.Count, inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var ring = rings.Single(r => r.GlobalIndices.SequenceEqual(inputs[i].AbsoluteOffsets()));
            Assert.True(
                ClsagVerifier.Verify(prunable.Clsags[i], ring.Members, inputs[i].KeyImage.ToPoint(), prunable.PseudoOutputs[i].ToPoint(), transaction.SignatureHash()),
                $"the CLSAG of input {i} does not verify");
        }

        var commitments = transaction.RctBase!.OutputCommitments.Select(c => c.ToPoint()).ToList();
        Assert.True(BulletproofPlusVerifier.Verify((BulletproofPlus)prunable.RangeProofs[0], commitments), "the Bulletproofs+ do not verify");
        Assert.True(Eventuality.Deserialize(plan.EventualityTxid.Span).Matches(transaction), "the transaction is not the plan's eventuality");
        return transaction;
    }

    private static EdwardsPoint RandomPoint()
    {
        using var scalar = Group.RandomScalar();
        return EdwardsPoint.MultiplyBase(scalar);
    }
}
