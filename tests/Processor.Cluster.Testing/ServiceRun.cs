using Processor.Contracts;
using Processor.Testing;

namespace Processor.Cluster.Testing;

/// <summary>One process of a validator's service, from its start to its end (killed runs stay, for their output).</summary>
/// <param name="Service">The service it runs.</param>
/// <param name="Process">The child process.</param>
/// <param name="Number">1 for the first run of the service at this validator, 2 after the first restart, …</param>
public sealed record ServiceRun(ServiceDefinition Service, ChildProcess Process, int Number);
