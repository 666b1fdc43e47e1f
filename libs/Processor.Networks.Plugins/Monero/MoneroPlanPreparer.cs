using Processor.Monero.Rpc;
using Processor.Monero.Sending;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// Chooses a Monero plan's rings when the scheduler makes it: decoys drawn from <see cref="MoneroPlanSeeds.DecoySeed"/>
/// against the chain as it was at the plan's external block, so every validator's scheduler gets the same rings (the
/// signer never asks a node). The signing data is <see cref="MoneroPlanRings"/>.
/// </summary>
public sealed class MoneroPlanPreparer(MoneroRpcClient rpc) : IPlanPreparer
{
    public async Task<byte[]> PrepareAsync(ReadOnlyMemory<byte> planId, TransactionPlan plan, long externalBlockHeight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var outputs = plan.Inputs.Select(SpendableOutputOf).ToList();
        try
        {
            var rings = await DecoySelector.SelectAsync(
                new MonerodDecoySource(rpc), MoneroPlanSeeds.DecoySeed(planId.Span), externalBlockHeight, outputs, cancellationToken);
            return MoneroPlanRings.Encode(rings);
        }
        catch (DecoySelectionException ex)
        {
            throw new PlanPreparationUnavailableException($"No rings for plan {Convert.ToHexStringLower(planId.Span)} at height {externalBlockHeight}: {ex.Message}", ex);
        }
    }

    /// <summary>The output an input's spend data describes, checked against the input's amount.</summary>
    /// <exception cref="InvalidPlanException">The spend data is not Monero's, or names another amount.</exception>
    public static SpendableOutput SpendableOutputOf(PlannedInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SpendableOutput output;
        try
        {
            output = MoneroSpendData.Decode(input.SpendData);
        }
        catch (FormatException ex)
        {
            throw new InvalidPlanException($"Input {Convert.ToHexStringLower(input.Id.TransactionId)}:{input.Id.Index} has no Monero spend data: {ex.Message}", ex);
        }

        return output.Amount == input.Amount
            ? output
            : throw new InvalidPlanException(
                $"Input {Convert.ToHexStringLower(input.Id.TransactionId)}:{input.Id.Index} is of {input.Amount}, its spend data says {output.Amount}.");
    }
}
