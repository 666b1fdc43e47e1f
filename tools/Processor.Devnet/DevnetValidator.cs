using System.Globalization;
using Processor.Contracts;

namespace Processor.Devnet;

/// <summary>
/// One validator of the devnet, as if it ran its own cluster: its own database on the shared Postgres server, its own topic
/// namespace on the shared broker, its own signer key, and its four services (health ports: the service's default plus 10 per
/// validator after the first: 7101-7104, 7111-7114, 7121-7124).
/// </summary>
internal sealed class DevnetValidator
{
    private const int PortStride = 10;

    public DevnetValidator(int number, string network)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Number = number;
        Topics = Contracts.Topics.For(network, string.Create(CultureInfo.InvariantCulture, $"v{number}"));
    }

    /// <summary>1-based; also its participant index in key generation.</summary>
    public int Number { get; }

    /// <summary>Its topics, in the namespace <c>v&lt;number&gt;</c>.</summary>
    public NetworkTopics Topics { get; }

    public string Namespace => Topics.Namespace!;

    public string Database => string.Create(CultureInfo.InvariantCulture, $"validator{Number}");

    /// <summary>Its services' processes, once started.</summary>
    public List<ServiceProcess> Services { get; } = [];

    /// <summary>Where <paramref name="service"/> of validator <paramref name="number"/> answers its health endpoints.</summary>
    public static int HealthPort(ServiceDefinition service, int number)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.HealthPort + (PortStride * (number - 1));
    }

    /// <summary>The label of its <paramref name="service"/>'s output lines and table row, e.g. <c>v1/scanner</c>.</summary>
    public string Label(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return $"{Namespace}/{service.Name}";
    }
}
