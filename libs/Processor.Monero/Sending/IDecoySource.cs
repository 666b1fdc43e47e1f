namespace Processor.Monero.Sending;

/// <summary>What decoy selection reads of the chain.</summary>
public interface IDecoySource
{
    /// <summary>Entry h: the number of amount-0 outputs in blocks 0 to h, for h from 0 to <paramref name="height"/>.</summary>
    Task<IReadOnlyList<ulong>> GetCumulativeOutputCountsAsync(long height, CancellationToken cancellationToken);

    /// <summary>The outputs with these global indices, in the same order.</summary>
    Task<IReadOnlyList<ChainOutput>> GetOutputsAsync(IReadOnlyList<ulong> globalIndices, CancellationToken cancellationToken);
}
