using Processor.Contracts.Reporter.V1;
using Processor.Networks;

namespace Processor.Scheduler.Planning;

/// <summary>
/// The fee rate an acknowledgement is planned with: the consensus fee rate of the external block it requires, the same at
/// every validator (never the node's own estimate). Node failures propagate and are retried by the consumer.
/// </summary>
public sealed class RequiredBlockFeeRate(INetworkNode node, IFeeRateSource feeRates)
{
    /// <summary>
    /// With no required block Serai has acknowledged nothing yet, so no key holds an output and no plan can be made; the
    /// engine still needs a positive rate to queue payments.
    /// </summary>
    public const ulong NothingAcknowledged = 1;

    /// <summary>The rate, or null when the node does not have the required block on its best chain (yet).</summary>
    public async Task<ulong?> OfAsync(OutputsAcknowledged acknowledgement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        if (acknowledgement.RequiredBlockHash.IsEmpty)
        {
            return NothingAcknowledged;
        }

        var block = await node.GetBlockHeaderAsync(checked((long)acknowledgement.RequiredBlockHeight), cancellationToken);
        if (block is null || !acknowledgement.RequiredBlockHash.Span.SequenceEqual(block.Id))
        {
            return null;
        }

        return await feeRates.FeeRateOfAsync(block, cancellationToken);
    }
}
