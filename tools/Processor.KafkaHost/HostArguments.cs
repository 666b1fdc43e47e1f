using System.CommandLine;
using Processor.Embedded.Kafka;
using Processor.Tools;

namespace Processor.KafkaHost;

/// <summary>The host's command line (System.CommandLine): its options, and the values <see cref="Parse"/> read from them.</summary>
internal sealed record HostArguments(
    int Port,
    int Brokers,
    int ControlPort,
    int RebalanceDelayMs,
    IReadOnlyList<(string Name, int Partitions)> Topics)
{
    /// <summary>What the host does: the head of the help text.</summary>
    public const string Description = """
        Hosts the embedded Kafka broker (librdkafka's in-memory mock cluster) on loopback until SIGINT/SIGTERM.
        Volatile: all data, topics and offsets are lost when it stops; at most ~5 MiB are kept per partition.

        Prints BOOTSTRAP=<servers> and CONTROL=<url> on stdout once ready.
        Control API: GET /health, GET /topics, POST /topics with [{"name":"...","partitions":N}].
        Exit codes: 0 = stopped by SIGINT/SIGTERM (or --help), 1 = could not start, 2 = bad arguments.
        """;

    private static readonly Option<int> PortOption = ToolCommandLine.WholeNumber(
        "--port", "Port of broker 1; broker i listens on port+i-1 (0 = free ports)", 0, 65535, EmbeddedKafkaOptions.DefaultBasePort);

    private static readonly Option<int> BrokersOption = ToolCommandLine.WholeNumber("--brokers", "Number of brokers, 1-32", 1, 32, 3);

    private static readonly Option<int> ControlPortOption = ToolCommandLine.WholeNumber(
        "--control-port", "Port of the HTTP control API (0 = a free port)", 0, 65535, EmbeddedKafkaControlServer.DefaultPort);

    private static readonly Option<IReadOnlyList<(string Name, int Partitions)>> TopicOption = new("--topic")
    {
        Description = "Create a topic at start-up (repeatable)",
        HelpName = "name:partitions",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = _ => [],
        CustomParser = result =>
        {
            try
            {
                return result.Tokens.Select(t => ParseTopic(t.Value)).ToList();
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return [];
            }
        },
    };

    private static readonly Option<int> RebalanceDelayMsOption = ToolCommandLine.WholeNumber(
        "--rebalance-delay-ms", "Initial rebalance delay of new classic groups", 0, 600_000, 100);

    private static readonly Option[] Options = [PortOption, BrokersOption, ControlPortOption, TopicOption, RebalanceDelayMsOption];

    /// <summary>
    /// Parses the command line. Null means the host is done: the help was printed (exit code 0), or a usage error with the help
    /// on stderr (exit code 2); <paramref name="exitCode"/> says which.
    /// </summary>
    public static HostArguments? Parse(IReadOnlyList<string> args, out int exitCode) =>
        ToolCommandLine.Parse("Processor.KafkaHost", Description, Options, args, Read, out exitCode);

    private static HostArguments Read(ParseResult parsed)
    {
        var (port, brokers) = (parsed.GetValue(PortOption), parsed.GetValue(BrokersOption));
        var controlPort = parsed.GetValue(ControlPortOption);
        if (port > 0 && port + brokers - 1 > 65535)
        {
            throw new UsageException($"--port {port} with {brokers} brokers goes past port 65535.");
        }

        if (port > 0 && controlPort >= port && controlPort <= port + brokers - 1)
        {
            throw new UsageException($"--control-port {controlPort} collides with the broker ports {port}-{port + brokers - 1}.");
        }

        return new HostArguments(port, brokers, controlPort, parsed.GetValue(RebalanceDelayMsOption), parsed.GetValue(TopicOption)!);
    }

    /// <exception cref="ArgumentException"><paramref name="text"/> is not <c>name:partitions</c> with a valid name and count.</exception>
    private static (string Name, int Partitions) ParseTopic(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new ArgumentException($"--topic expects name:partitions (e.g. orders:12), got '{text}'.");
        }

        var name = text[..colon];
        try
        {
            EmbeddedKafkaCluster.ValidateTopicName(name);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--topic {text}: {e.Message}", e);
        }

        var partitions = text[(colon + 1)..];
        return ToolCommandLine.TryParseWholeNumber(partitions, 1, 10_000, out var count)
            ? (name, count)
            : throw new ArgumentException(ToolCommandLine.WholeNumberError("--topic partitions", partitions, 1, 10_000));
    }
}
