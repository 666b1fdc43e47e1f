namespace Processor.Reporter;

/// <summary>An output of one of our keys as the scanner reported it (kind, coin and error as the contracts number them).</summary>
/// <param name="SpendData">The plug-in's bytes for spending it, handed on to the scheduler unread.</param>
public sealed record StoredOutput(
    byte[] Txid, int Vout, long Height, int Session, byte[] NetworkKey, short Kind, short Coin, long Amount, byte[] Script,
    byte[] Instruction, short InstructionError, byte[] Origin, byte[] SpendData);

/// <summary>A scanned block, from its own parts.</summary>
public sealed record ScannedBlockRow(long Height, short Network, byte[] Hash, DateTime MedianTime);

/// <summary>A key the scanner activated (its marker arrived after the own parts of blocks up to <paramref name="MarkerAfterHeight"/>).</summary>
public sealed record ScannedKey(int Session, byte[] SubstrateKey, byte[] NetworkKey, long ActivationHeight, long MarkerAfterHeight);

/// <summary>How many of a key's parts of one block arrived, of how many.</summary>
public sealed record KeyPartCount(int Session, long Height, int Received, int PartCount);
