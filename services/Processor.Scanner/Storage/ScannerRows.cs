namespace Processor.Scanner.Storage;

/// <summary>The scanner's position and whether it is halted.</summary>
public sealed record ScanProgress(long NextHeight, string? HaltedReason)
{
    public bool IsHalted => HaltedReason is not null;
}

/// <summary>A block of the finalized-block index (hash in internal byte order).</summary>
public sealed record IndexedBlock(long Height, byte[] Hash);

/// <summary>A key learnt from the signer.</summary>
public sealed record KeyRow(
    int Session, byte[] SubstrateKey, byte[] NetworkKey, DateTime ActivationTime, long? RequestedHeight, long? ActivationHeight);

/// <summary>An output received by one of our keys, as stored and reported.</summary>
public sealed record OutputRow(
    byte[] Txid, int Vout, long Height, int Session, short Kind, long Amount, byte[] Script, byte[] Instruction, short InstructionError);

/// <summary>A plan whose transaction has not been seen in a finalized block yet.</summary>
public sealed record OpenEventuality(byte[] PlanId, int Session, byte[] Txid);
