using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Blocks;

/// <summary>A well-formed block whose contents do not match what its header or coinbase commit to.</summary>
public sealed class BlockVerificationException : Exception
{
    public BlockVerificationException(Hash256 blockHash, string problem)
        : base($"Block {blockHash} is invalid: {problem}")
    {
        BlockHash = blockHash;
    }

    public BlockVerificationException()
    {
    }

    public BlockVerificationException(string message)
        : base(message)
    {
    }

    public BlockVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Hash256 BlockHash { get; }
}
