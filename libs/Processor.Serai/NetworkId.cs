namespace Processor.Serai;

/// <summary>Serai's <c>NetworkId</c>: a one-byte enum, the index being the SCALE encoding.</summary>
public enum NetworkId : byte
{
    Serai = 0,
    Bitcoin = 1,
    Ethereum = 2,
    Monero = 3,
}
