using Google.Protobuf;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>A command for one validator's processor (a member of <c>CoordinatorCommand</c>).</summary>
/// <param name="Validator">The validator (1-based, in configuration order).</param>
/// <param name="Command">The command.</param>
public sealed record AddressedCommand(int Validator, IMessage Command);
