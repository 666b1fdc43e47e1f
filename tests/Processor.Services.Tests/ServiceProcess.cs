using Processor.Contracts;
using Processor.Testing;

namespace Processor.Services.Tests;

/// <summary>One of the four services, run from its built dll the way a deployment runs it.</summary>
internal static class ServiceProcess
{
    /// <summary>Starts <c>dotnet Processor.&lt;Name&gt;.dll</c> with <paramref name="environment"/> as its configuration.</summary>
    public static ChildProcess Start(ServiceDefinition service, IReadOnlyDictionary<string, string> environment)
    {
        var project = "Processor." + char.ToUpperInvariant(service.Name[0]) + service.Name[1..];
        return ChildProcess.Start(ChildProcess.RepositoryDll(project), environment: environment);
    }
}
