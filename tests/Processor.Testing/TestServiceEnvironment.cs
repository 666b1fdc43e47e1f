using System.Globalization;
using Processor.Embedded.Kafka;

namespace Processor.Testing;

/// <summary>The configuration every service process a test starts needs: the test broker, its network, and health on loopback.</summary>
public static class TestServiceEnvironment
{
    /// <summary>
    /// The settings (as environment variables) for a service of <paramref name="network"/> on the test broker, answering health
    /// on <paramref name="healthPort"/>; <paramref name="control"/> lets it create topics on the embedded broker, and
    /// <paramref name="nodeSettings"/> are those of its network's node (RPC address and credentials), when it uses one.
    /// </summary>
    public static Dictionary<string, string> OnTestBroker(
        string network, EmbeddedKafkaControlServer? control, int healthPort, IReadOnlyDictionary<string, string>? nodeSettings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = KafkaBroker.BootstrapServers,
            ["Kafka__Mode"] = KafkaBroker.IsReal ? "External" : "Embedded",
            ["Processor__Network"] = network,
            ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{healthPort}"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (control is not null)
        {
            environment["Kafka__EmbeddedControlUrl"] = control.BaseAddress.ToString();
        }

        foreach (var (key, value) in nodeSettings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }
}
