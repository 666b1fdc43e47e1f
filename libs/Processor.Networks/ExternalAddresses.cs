namespace Processor.Networks;

/// <summary>What Serai's <c>ExternalAddress</c> bytes (a Burn's destination, an instruction's origin, a refund) name on this network.</summary>
public interface IExternalAddresses
{
    /// <summary>The locking script that pays <paramref name="address"/>, or null when the bytes name nothing this network can pay.</summary>
    byte[]? LockingScriptOf(ReadOnlySpan<byte> address);
}
