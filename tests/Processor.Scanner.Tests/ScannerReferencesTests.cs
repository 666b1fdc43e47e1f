using System.Xml.Linq;
using Processor.Scanner.Scanning;
using Processor.Testing;

namespace Processor.Scanner.Tests;

/// <summary>The scanner knows no chain: it uses the network primitives, and the configured plug-in supplies them.</summary>
public sealed class ScannerReferencesTests
{
    [Fact]
    public void ScannerAssembly_ReferencesNoNetworkLibrary()
    {
        var referenced = typeof(ChainScanner).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Processor.Networks", referenced);
        Assert.DoesNotContain(referenced, name => name is "Processor.Bitcoin" or "Processor.Monero");
    }

    [Fact]
    public void ScannerProject_ReferencesNoNetworkLibrary()
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "services", "Processor.Scanner", "Processor.Scanner.csproj"));

        var references = project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).ToList();

        Assert.Contains("Processor.Networks", references);
        Assert.DoesNotContain(references, name => name is "Processor.Bitcoin" or "Processor.Monero");
    }
}
