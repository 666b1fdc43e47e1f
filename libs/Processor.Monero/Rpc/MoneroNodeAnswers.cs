namespace Processor.Monero.Rpc;

/// <summary>The node's state from <c>get_info</c>. Hashes are lowercase hex.</summary>
/// <param name="BlockCount">Blocks in the node's chain (monerod calls it <c>height</c>): the tip's height plus one.</param>
/// <param name="TopBlockHash">The tip's hash.</param>
/// <param name="NetworkType"><c>mainnet</c>, <c>testnet</c>, <c>stagenet</c> or <c>fakechain</c> (regtest).</param>
/// <param name="Synchronized">Whether the node considers itself caught up with its peers.</param>
/// <param name="Version">The daemon's version string.</param>
public sealed record MoneroNodeInfo(long BlockCount, string TopBlockHash, string NetworkType, bool Synchronized, string Version)
{
    /// <summary>Height of the tip.</summary>
    public long TipHeight => BlockCount - 1;
}

/// <summary>A block from <c>get_block</c>: its serialized bytes and the header fields the node reports with them.</summary>
/// <param name="Hash">The block id.</param>
/// <param name="Height">Its height.</param>
/// <param name="PreviousHash">The parent's id (all zeros for the genesis block).</param>
/// <param name="Timestamp">The header's timestamp.</param>
/// <param name="MajorVersion">The header's major version (the hard fork it was made under).</param>
/// <param name="MinerTransactionHash">The coinbase's txid (its bytes are in <paramref name="Blob"/>, and get_transactions finds it too).</param>
/// <param name="TransactionHashes">The other transactions' ids, in block order.</param>
/// <param name="Blob">The serialized block (header, miner transaction, transaction ids).</param>
public sealed record MoneroBlockInfo(
    string Hash,
    long Height,
    string PreviousHash,
    DateTimeOffset Timestamp,
    int MajorVersion,
    string MinerTransactionHash,
    IReadOnlyList<string> TransactionHashes,
    byte[] Blob);

/// <summary>A transaction from <c>get_transactions</c>.</summary>
/// <param name="Hash">The txid.</param>
/// <param name="Blob">The serialized transaction (prefix and signatures).</param>
/// <param name="BlockHeight">The height of the block it is in; null while in the pool.</param>
/// <param name="OutputIndices">The global (amount 0) index of each output, in output order; empty while in the pool.</param>
public sealed record MoneroTransactionInfo(string Hash, byte[] Blob, long? BlockHeight, IReadOnlyList<ulong> OutputIndices)
{
    /// <summary>Whether it is in the node's pool rather than in a block.</summary>
    public bool InPool => BlockHeight is null;
}

/// <summary>An output from <c>get_outs</c> (a ring member candidate).</summary>
/// <param name="Index">Its global index among amount-0 outputs.</param>
/// <param name="Key">Its one-time public key (32 bytes).</param>
/// <param name="Commitment">Its Pedersen commitment (32 bytes; for pre-RingCT and coinbase outputs the node computes it from the amount).</param>
/// <param name="Height">The height of the block it is in.</param>
/// <param name="Txid">The transaction that created it.</param>
/// <param name="Unlocked">Whether its unlock time has passed (only the unlock time: the 10-block age rule is not in this flag).</param>
public sealed record MoneroOutputInfo(ulong Index, byte[] Key, byte[] Commitment, long Height, string Txid, bool Unlocked);

/// <summary>How many amount-0 outputs there are per block, from <c>get_output_distribution</c>.</summary>
/// <param name="StartHeight">The height of the first entry.</param>
/// <param name="Base">The outputs before <paramref name="StartHeight"/> (the offset of a cumulative distribution).</param>
/// <param name="Distribution">One entry per block from <paramref name="StartHeight"/>: outputs in that block, or up to and including it when cumulative.</param>
public sealed record MoneroOutputDistribution(long StartHeight, ulong Base, IReadOnlyList<ulong> Distribution);

/// <summary>The node's fee estimate from <c>get_fee_estimate</c>, in atomic units.</summary>
/// <param name="FeePerWeight">The fee per unit of weight for the normal priority.</param>
/// <param name="FeesPerWeight">The fees per unit of weight for the four priorities (slow to fastest), when the node gives them.</param>
/// <param name="QuantizationMask">Fees are rounded up to a multiple of this.</param>
public sealed record MoneroFeeEstimate(ulong FeePerWeight, IReadOnlyList<ulong> FeesPerWeight, ulong QuantizationMask);

/// <summary>The hard fork in force, from <c>hard_fork_info</c>.</summary>
/// <param name="Version">The current hard-fork version (16 on regtest from height 1).</param>
/// <param name="EarliestHeight">The height from which this version is in force.</param>
/// <param name="Enabled">Whether it is enabled.</param>
public sealed record MoneroHardForkInfo(int Version, long EarliestHeight, bool Enabled);

/// <summary>Blocks mined by <c>generateblocks</c> (test networks only).</summary>
/// <param name="Hashes">The new blocks' ids, in order.</param>
/// <param name="TipHeight">The tip's height after mining.</param>
public sealed record MoneroGeneratedBlocks(IReadOnlyList<string> Hashes, long TipHeight);

/// <summary>Whether a key image is spent, from <c>is_key_image_spent</c>.</summary>
public enum MoneroKeyImageStatus
{
    /// <summary>Not spent anywhere the node knows of.</summary>
    Unspent = 0,

    /// <summary>Spent by a transaction in the chain.</summary>
    SpentInChain = 1,

    /// <summary>Spent by a transaction in the pool.</summary>
    SpentInPool = 2,
}
