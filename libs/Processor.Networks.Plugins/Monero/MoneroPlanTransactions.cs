using Processor.Monero.Addresses;
using Processor.Monero.Sending;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// A Monero plan's unsigned transaction, the same at every signer: the r-seed from the plan id
/// (<see cref="MoneroPlanSeeds"/>), the rings the scheduler chose (<see cref="MoneroPlanRings"/>), and exactly the plan's
/// fee, its inputs less its outputs: the change is one more payment, so the builder adds no change of its own and the
/// fee is what the outputs leave. A plan of one output gets a second, zero-amount output to the key's Change address
/// (Monero needs two), as <see cref="MoneroTransactionFees"/> priced it.
/// </summary>
public static class MoneroPlanTransactions
{
    // Address prefixes do not reach the transaction's bytes; the builder only needs all of them alike.
    private const MoneroNetwork AddressNetwork = MoneroNetwork.Mainnet;

    // The least rate any plan has (the block rate's floor): the builder checks the planned fee covers the weight at it.
    private static readonly FeeRate FloorRate = new(MoneroFeeRates.MinimumPerWeight, MoneroTransactionFees.QuantizationMask);

    /// <summary>The unsigned transaction of <paramref name="plan"/> (id <paramref name="planId"/>) with <paramref name="rings"/>.</summary>
    /// <exception cref="InvalidPlanException">The plan cannot be this transaction (the message says why).</exception>
    public static UnsignedTransaction Build(ReadOnlySpan<byte> planId, TransactionPlan plan, IReadOnlyList<Ring> rings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rings);
        if (rings.Count != plan.Inputs.Count)
        {
            throw new InvalidPlanException($"The plan has {plan.Inputs.Count} inputs and {rings.Count} rings.");
        }

        var spent = SpentOutputs(plan);
        var request = new TransactionRequest(
            MoneroPlanSeeds.RSeed(planId), [.. spent.Select((output, i) => (output, rings[i]))], Outputs(plan), Change: null, Data: [], FloorRate);
        return Checked(() => TransactionBuilder.Build(request));
    }

    /// <summary>
    /// The eventuality of <paramref name="plan"/>'s transaction (id <paramref name="planId"/>), known before its rings: the
    /// one <see cref="Build"/> gives with any rings (its outputs, their order and the tx extra do not depend on them).
    /// </summary>
    /// <exception cref="InvalidPlanException">The plan cannot be a Monero transaction (the message says why).</exception>
    public static Eventuality EventualityOf(ReadOnlySpan<byte> planId, TransactionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rSeed = MoneroPlanSeeds.RSeed(planId);
        var inputKeys = SpentOutputs(plan).Select(o => o.Key).ToList();
        var outputs = Outputs(plan);
        return Checked(() => TransactionBuilder.EventualityWithoutChange(rSeed, inputKeys, outputs, []));
    }

    private static List<SpendableOutput> SpentOutputs(TransactionPlan plan) => [.. plan.Inputs.Select(MoneroPlanPreparer.SpendableOutputOf)];

    /// <summary>The transaction's outputs before the builder shuffles them: the payments, the change, the zero padding output.</summary>
    private static List<Payment> Outputs(TransactionPlan plan)
    {
        var outputs = plan.Payments.Concat(plan.Change is null ? [] : [plan.Change]).Select(o => new Payment(AddressOf(o.LockingScript), o.Amount)).ToList();
        if (outputs.Count < TransactionBuilder.MinOutputs)
        {
            outputs.Add(new Payment(AddressOf(new MoneroAddressScripts().OwnScript(plan.NetworkKey, OutputKind.Change)), 0));
        }

        return outputs;
    }

    private static T Checked<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (TransactionBuildException ex)
        {
            throw new InvalidPlanException($"The plan is no Monero transaction ({ex.Error}): {ex.Message}", ex);
        }
    }

    private static MoneroAddress AddressOf(byte[] script) =>
        SeraiMoneroAddress.PayableAddress(script, AddressNetwork)
        ?? throw new InvalidPlanException($"The output script {Convert.ToHexStringLower(script)} is not a Monero address the plug-in pays.");
}
