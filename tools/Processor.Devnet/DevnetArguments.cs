using System.Globalization;
using Processor.Contracts;

namespace Processor.Devnet;

/// <summary>Command line of the devnet. <see cref="Parse"/> throws <see cref="ArgumentException"/> with a readable message.</summary>
internal sealed record DevnetArguments(
    string Network,
    bool ExitWhenReady,
    int? KeepRunningSeconds,
    int ReadyTimeoutSeconds,
    string ServiceLogLevel,
    bool Help)
{
    public const int DefaultReadyTimeoutSeconds = 90;

    public const string Usage = """
        Usage: Processor.Devnet [options]

        Starts a throwaway PostgreSQL cluster (free port, database 'processor'), the embedded Kafka broker
        (127.0.0.1:29092-29094, control API 127.0.0.1:29091) with every topic of the network, and the four
        services (scanner, reporter, signer, scheduler on 127.0.0.1:7101-7104), waits until each answers
        /health/ready, prints a status table, and runs until Ctrl-C or SIGTERM; then it stops the services
        (SIGTERM, at most 40 s each, then killed), the broker and Postgres (its folder is deleted).
        A service that exits while the devnet runs is reported with its exit code; the others keep running.

        Options:
          --network <name>             external network of the topics and services (default bitcoin)
          --exit-when-ready            start everything, print the table, stop cleanly; exit 0 if all four
                                       services were ready, 1 otherwise (smoke tests, CI)
          --keep-running-seconds <n>   stop by itself n seconds after start-up (0-86400)
          --ready-timeout-seconds <n>  how long to wait for /health/ready (default 90)
          --log-level <level>          minimum level of the services' logs (default Warning; errors always show)
          -h, --help                   show this text

        Exit codes: 0 = stopped cleanly (and, with --exit-when-ready, all services were ready);
        1 = could not start (e.g. a port in use) or, with --exit-when-ready, not all services were ready;
        2 = bad arguments.
        """;

    private static readonly string[] LogLevels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    public static DevnetArguments Parse(IReadOnlyList<string> args)
    {
        var network = "bitcoin";
        var exitWhenReady = false;
        int? keepRunningSeconds = null;
        var readyTimeoutSeconds = DefaultReadyTimeoutSeconds;
        var logLevel = "Warning";
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
                case "--network":
                    network = Value();
                    if (!Topics.IsValidNetworkName(network))
                    {
                        throw new ArgumentException(
                            $"--network '{network}' is not a network name " +
                            "(lower-case letters, digits and dashes, starting with a letter, e.g. bitcoin).");
                    }

                    break;
                case "--exit-when-ready":
                    NoValue(arg, inlineValue);
                    exitWhenReady = true;
                    break;
                case "--keep-running-seconds":
                    keepRunningSeconds = ParseInt(arg, Value(), 0, 86_400);
                    break;
                case "--ready-timeout-seconds":
                    readyTimeoutSeconds = ParseInt(arg, Value(), 1, 3600);
                    break;
                case "--log-level":
                    var level = Value();
                    logLevel = LogLevels.FirstOrDefault(l => l.Equals(level, StringComparison.OrdinalIgnoreCase))
                        ?? throw new ArgumentException($"--log-level expects one of {string.Join(", ", LogLevels)}, got '{level}'.");
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new DevnetArguments(network, exitWhenReady, keepRunningSeconds, readyTimeoutSeconds, logLevel, help);
    }

    private static void NoValue(string option, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            throw new ArgumentException($"{option} takes no value.");
        }
    }

    private static int ParseInt(string option, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{option} expects a whole number from {min} to {max}, got '{text}'.");
        }

        return value;
    }
}
