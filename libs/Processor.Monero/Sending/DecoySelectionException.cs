namespace Processor.Monero.Sending;

/// <summary>Decoys could not be selected (too few usable outputs on the chain, or a reference height the node lacks).</summary>
public sealed class DecoySelectionException(string message) : Exception(message);
