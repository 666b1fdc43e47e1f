namespace Processor.Ctl;

/// <summary>The command line is wrong (exit code 2). The message says what to change.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>An expected failure while running a command, e.g. an unreachable database (exit code 1, no stack trace).</summary>
public sealed class CtlException(string message, Exception? inner = null) : Exception(message, inner);
