namespace Processor.Bitcoin.Rpc;

/// <summary>A block header as <c>getblockheader</c> describes it. Hashes are hex as the node shows them (byte-reversed).</summary>
/// <param name="Hash">The block hash.</param>
/// <param name="Height">The block height.</param>
/// <param name="PreviousBlockHash">The parent's hash; null for the genesis block.</param>
/// <param name="Time">The header time.</param>
/// <param name="MedianTime">The median time past (BIP113) of the block, which never decreases along a chain.</param>
/// <param name="Confirmations">Confirmations on the node's best chain; -1 when the block is not on it (reorganized away).</param>
public sealed record BlockHeaderInfo(
    string Hash, long Height, string? PreviousBlockHash, DateTimeOffset Time, DateTimeOffset MedianTime, long Confirmations)
{
    /// <summary>Whether the block is on the node's best chain.</summary>
    public bool IsOnBestChain => Confirmations >= 0;
}

/// <summary>The node's verdict on a transaction from <c>testmempoolaccept</c>.</summary>
/// <param name="Txid">The transaction id, as the node shows it.</param>
/// <param name="Allowed">Whether the mempool would accept it.</param>
/// <param name="RejectReason">Why not, when not allowed (e.g. <c>non-mandatory-script-verify-flag (Invalid Schnorr signature)</c>).</param>
/// <param name="VirtualSize">Its virtual size in vbytes, when allowed.</param>
/// <param name="FeeSatoshis">Its fee, when allowed.</param>
public sealed record MempoolAcceptance(string Txid, bool Allowed, string? RejectReason, long? VirtualSize, long? FeeSatoshis)
{
    /// <summary>Not allowed only because it is already in the mempool or the chain.</summary>
    public bool IsAlreadyKnown => !Allowed && RpcErrorClassifier.IsAlreadyKnownReason(RejectReason);
}

/// <summary>The node's fee estimate from <c>estimatesmartfee</c>.</summary>
/// <param name="SatoshisPerKilovbyte">The estimated fee rate; null when the node has no estimate (e.g. a fresh regtest chain).</param>
/// <param name="Blocks">The confirmation target the estimate is for.</param>
/// <param name="Errors">Why there is no estimate, as the node says.</param>
public sealed record FeeEstimate(long? SatoshisPerKilovbyte, int Blocks, IReadOnlyList<string> Errors);

/// <summary>Called before each retry of a failed call, e.g. to log it and report it in health.</summary>
/// <param name="failure">What went wrong in the attempt.</param>
/// <param name="attempt">The number of the attempt that failed (1-based).</param>
/// <param name="delay">How long the client waits before the next attempt.</param>
public delegate void RpcRetryCallback(BitcoinRpcException failure, int attempt, TimeSpan delay);
