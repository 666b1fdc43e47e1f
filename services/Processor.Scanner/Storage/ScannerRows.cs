namespace Processor.Scanner.Storage;

/// <summary>The scanner's position and whether it is halted.</summary>
public sealed record ScanProgress(long NextHeight, string? HaltedReason)
{
    public bool IsHalted => HaltedReason is not null;
}

/// <summary>A block of the finalized-block index (its id as the plug-in gives it).</summary>
public sealed record IndexedBlock(long Height, byte[] Hash);

/// <summary>A key learnt from the signer.</summary>
/// <param name="CatchUpHeight">The next block a catch-up scans for this key; null when it is scanned with every new block.</param>
public sealed record KeyRow(
    int Session, byte[] SubstrateKey, byte[] NetworkKey, DateTime ActivationTime, long? RequestedHeight, long? ActivationHeight,
    long? CatchUpHeight)
{
    /// <summary>Whether the main scan scans this key (it is not catching up).</summary>
    public bool IsInStep => CatchUpHeight is null;
}

/// <summary>An output received by one of our keys, as stored and reported (kind, coin and error as the contract numbers them).</summary>
/// <param name="SpendData">The plug-in's bytes for spending it (<see cref="Processor.Networks.ReceivedOutput.SpendData"/>), not read here.</param>
public sealed record OutputRow(
    byte[] Txid, int Vout, long Height, int Session, short Kind, long Amount, byte[] Script, byte[] Instruction,
    byte[] Origin, int Coin, byte[] SpendData);

/// <summary>A plan whose eventuality has not been completed by a finalized block yet.</summary>
public sealed record OpenEventuality(byte[] PlanId, int Session, byte[] Eventuality);

/// <summary>Heights from <paramref name="From"/> to <paramref name="To"/>, both included.</summary>
public sealed record HeightRange(long From, long To)
{
    public bool Contains(long height) => height >= From && height <= To;
}

/// <summary>An open eventuality registered after the scanner passed some of the blocks that could complete it.</summary>
public sealed record PendingLookBack(byte[] PlanId, int Session, byte[] Eventuality, long FromHeight, long ToHeight)
{
    public HeightRange Range => new(FromHeight, ToHeight);
}
