using System.Globalization;
using Processor.Embedded.Kafka;

namespace Processor.KafkaHost;

/// <summary>Command line of the host. <see cref="Parse"/> throws <see cref="ArgumentException"/> with a readable message.</summary>
internal sealed record HostArguments(
    int Port,
    int Brokers,
    int ControlPort,
    int RebalanceDelayMs,
    IReadOnlyList<(string Name, int Partitions)> Topics,
    bool Help)
{
    public const string Usage = """
        Usage: Processor.KafkaHost [options]

        Hosts the embedded Kafka broker (librdkafka's in-memory mock cluster) on loopback until SIGINT/SIGTERM.
        Volatile: all data, topics and offsets are lost when it stops; at most ~5 MiB are kept per partition.

        Options:
          --port <n>                 port of broker 1; broker i listens on port+i-1 (default 29092; 0 = free ports)
          --brokers <n>              number of brokers, 1-32 (default 3)
          --control-port <n>         port of the HTTP control API (default 29091; 0 = a free port)
          --topic <name:partitions>  create a topic at start-up (repeatable)
          --rebalance-delay-ms <n>   initial rebalance delay of new classic groups (default 100)
          -h, --help                 show this text

        Prints BOOTSTRAP=<servers> and CONTROL=<url> on stdout once ready.
        Control API: GET /health, GET /topics, POST /topics with [{"name":"...","partitions":N}].
        """;

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        var port = EmbeddedKafkaOptions.DefaultBasePort;
        var brokers = 3;
        var controlPort = EmbeddedKafkaControlServer.DefaultPort;
        var rebalanceDelayMs = 100;
        var topics = new List<(string, int)>();
        var help = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }

                return args[++i];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    break;
                case "--port":
                    port = ParseInt(arg, Value(), 0, 65535);
                    break;
                case "--brokers":
                    brokers = ParseInt(arg, Value(), 1, 32);
                    break;
                case "--control-port":
                    controlPort = ParseInt(arg, Value(), 0, 65535);
                    break;
                case "--rebalance-delay-ms":
                    rebalanceDelayMs = ParseInt(arg, Value(), 0, 600_000);
                    break;
                case "--topic":
                    topics.Add(ParseTopic(Value()));
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        if (port > 0 && port + brokers - 1 > 65535)
        {
            throw new ArgumentException($"--port {port} with {brokers} brokers goes past port 65535.");
        }

        if (port > 0 && controlPort >= port && controlPort <= port + brokers - 1)
        {
            throw new ArgumentException($"--control-port {controlPort} collides with the broker ports {port}-{port + brokers - 1}.");
        }

        return new HostArguments(port, brokers, controlPort, rebalanceDelayMs, topics, help);
    }

    private static int ParseInt(string option, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{option} expects a whole number from {min} to {max}, got '{text}'.");
        }

        return value;
    }

    private static (string, int) ParseTopic(string text)
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

        return (name, ParseInt("--topic partitions", text[(colon + 1)..], 1, 10_000));
    }
}
