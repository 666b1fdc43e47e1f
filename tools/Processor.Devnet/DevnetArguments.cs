using System.CommandLine;
using Processor.Contracts;
using Processor.Tools;

namespace Processor.Devnet;

/// <summary>The devnet's command line (System.CommandLine): its options, and the values <see cref="Parse"/> read from them.</summary>
internal sealed record DevnetArguments(
    string Network,
    string? TopicNamespace,
    bool ExitWhenReady,
    int? KeepRunningSeconds,
    int ReadyTimeoutSeconds,
    string ServiceLogLevel)
{
    public const int DefaultReadyTimeoutSeconds = 90;

    /// <summary>What the devnet does and its exit codes: the head of the help text.</summary>
    public const string Description = """
        Starts a throwaway PostgreSQL cluster (free port, database 'processor'), the embedded Kafka broker
        (127.0.0.1:29092-29094, control API 127.0.0.1:29091) with every topic of the network, and the four
        services (scanner, reporter, signer, scheduler on 127.0.0.1:7101-7104), waits until each answers
        /health/ready, prints a status table, and runs until Ctrl-C or SIGTERM; then it stops the services
        (SIGTERM, at most 40 s each, then killed), the broker and Postgres (its folder is deleted).
        A service that exits while the devnet runs is reported with its exit code; the others keep running.

        Exit codes: 0 = stopped cleanly (and, with --exit-when-ready, all services were ready);
        1 = could not start (e.g. a port in use) or, with --exit-when-ready, not all services were ready;
        2 = bad arguments.
        """;

    private static readonly string[] LogLevels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    private static readonly Option<string> NetworkOption = new("--network")
    {
        Description = "External network of the topics and services",
        HelpName = "name",
        DefaultValueFactory = _ => "bitcoin",
        Validators =
        {
            result =>
            {
                var network = result.GetValueOrDefault<string>();
                if (!Topics.IsValidNetworkName(network))
                {
                    result.AddError(
                        $"--network '{network}' is not a network name " +
                        "(lower-case letters, digits and dashes, starting with a letter, e.g. bitcoin).");
                }
            },
        },
    };

    private static readonly Option<string?> NamespaceOption = new("--namespace")
    {
        Description = "Topic namespace of the services' topics and consumer groups (Processor:TopicNamespace; default none)",
        HelpName = "namespace",
        Validators =
        {
            result =>
            {
                var topicNamespace = result.GetValueOrDefault<string?>();
                if (!Topics.IsValidNamespace(topicNamespace))
                {
                    result.AddError($"--namespace '{topicNamespace}' is not valid: {Topics.NamespaceRule}");
                }
            },
        },
    };

    private static readonly Option<bool> ExitWhenReadyOption = new("--exit-when-ready")
    {
        Description =
            "Start everything, print the table, stop cleanly; exit 0 if all four services were ready, 1 otherwise (smoke tests, CI)",
        Arity = ArgumentArity.Zero,
    };

    private static readonly Option<int> KeepRunningSecondsOption = ToolCommandLine.WholeNumber(
        "--keep-running-seconds", "Stop by itself n seconds after start-up (0-86400)", 0, 86_400);

    private static readonly Option<int> ReadyTimeoutSecondsOption = ToolCommandLine.WholeNumber(
        "--ready-timeout-seconds", "How long to wait for /health/ready (1-3600)", 1, 3600, DefaultReadyTimeoutSeconds);

    private static readonly Option<string> LogLevelOption = new("--log-level")
    {
        Description = "Minimum level of the services' logs (errors always show)",
        HelpName = "level",
        DefaultValueFactory = _ => "Warning",
        CustomParser = result =>
        {
            var level = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            var known = LogLevels.FirstOrDefault(l => l.Equals(level, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                result.AddError($"--log-level expects one of {string.Join(", ", LogLevels)}, got '{level}'.");
            }

            return known ?? level;
        },
    };

    private static readonly Option[] Options = [NetworkOption, NamespaceOption, ExitWhenReadyOption, KeepRunningSecondsOption, ReadyTimeoutSecondsOption, LogLevelOption];

    /// <summary>
    /// Parses the command line. Null means the devnet is done: the help was printed (exit code 0), or a usage error with the help
    /// on stderr (exit code 2); <paramref name="exitCode"/> says which.
    /// </summary>
    public static DevnetArguments? Parse(IReadOnlyList<string> args, out int exitCode) =>
        ToolCommandLine.Parse("Processor.Devnet", Description, Options, args, Read, out exitCode);

    private static DevnetArguments Read(ParseResult parsed) => new(
        parsed.GetValue(NetworkOption)!,
        parsed.GetValue(NamespaceOption),
        parsed.GetValue(ExitWhenReadyOption),
        parsed.GetResult(KeepRunningSecondsOption) is null ? null : parsed.GetValue(KeepRunningSecondsOption),
        parsed.GetValue(ReadyTimeoutSecondsOption),
        parsed.GetValue(LogLevelOption)!);
}
