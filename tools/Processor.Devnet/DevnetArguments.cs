using System.CommandLine;
using Processor.Contracts;
using Processor.Tools;

namespace Processor.Devnet;

/// <summary>The devnet's command line (System.CommandLine): its options, and the values <see cref="Parse"/> read from them.</summary>
internal sealed record DevnetArguments(
    string Network,
    bool ExitWhenReady,
    bool ExitWhenDone,
    int? KeepRunningSeconds,
    int ReadyTimeoutSeconds,
    int StepTimeoutSeconds,
    string ServiceLogLevel)
{
    /// <summary>Twelve services start in 10-20 s on a quiet machine; a loaded one (a CI runner, a build beside it) needs far longer.</summary>
    public const int DefaultReadyTimeoutSeconds = 300;

    public const int DefaultStepTimeoutSeconds = 120;

    /// <summary>What the devnet does and its exit codes: the head of the help text.</summary>
    public const string Description = """
        The processor at work, on this machine: a throwaway PostgreSQL cluster (free port), the embedded Kafka broker
        (127.0.0.1:29092-29094, control API 127.0.0.1:29091), a litecoind regtest node (free port, funded wallet), three
        validators (each: scanner, reporter, signer and scheduler as child processes, its own database validatorN and topic
        namespace vN; health on 127.0.0.1:7101-7104, 7111-7114, 7121-7124) and the coordinator simulator (in this process,
        control API on 127.0.0.1:7190). Once every service answers /health/ready it runs the demo: key generation, a deposit
        with a transfer instruction from the node's wallet, the signed Batch (sr25519-verified), a burn of part of it to a
        wallet address, the payout transaction mined; each step with its time, then a summary. Then it runs until Ctrl-C or
        SIGTERM and stops everything it started (services: SIGTERM, at most 40 s each, then killed; folders deleted).

        Exit codes: 0 = stopped cleanly (with --exit-when-ready: all services were ready; with --exit-when-done: every step of
        the demo completed); 1 = could not start (e.g. a port in use), or the condition of the --exit-when-* option failed;
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

    private static readonly Option<bool> ExitWhenReadyOption = new("--exit-when-ready")
    {
        Description =
            "Start everything, print the table, stop cleanly without running the demo; exit 0 if every service was ready, 1 otherwise (smoke tests)",
        Arity = ArgumentArity.Zero,
    };

    private static readonly Option<bool> ExitWhenDoneOption = new("--exit-when-done")
    {
        Description = "Run the demo, print the summary, stop cleanly; exit 0 if every step completed, 1 otherwise (scripts, CI)",
        Arity = ArgumentArity.Zero,
    };

    private static readonly Option<int> KeepRunningSecondsOption = ToolCommandLine.WholeNumber(
        "--keep-running-seconds", "Stop by itself n seconds after start-up (0-86400)", 0, 86_400);

    private static readonly Option<int> ReadyTimeoutSecondsOption = ToolCommandLine.WholeNumber(
        "--ready-timeout-seconds", "How long to wait for /health/ready (1-3600)", 1, 3600, DefaultReadyTimeoutSeconds);

    private static readonly Option<int> StepTimeoutSecondsOption = ToolCommandLine.WholeNumber(
        "--step-timeout-seconds", "How long one step of the demo may take before it is reported as not done (1-3600)", 1, 3600,
        DefaultStepTimeoutSeconds);

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

    private static readonly Option[] Options =
    [
        NetworkOption, ExitWhenReadyOption, ExitWhenDoneOption, KeepRunningSecondsOption, ReadyTimeoutSecondsOption, StepTimeoutSecondsOption,
        LogLevelOption,
    ];

    /// <summary>
    /// Parses the command line. Null means the devnet is done: the help was printed (exit code 0), or a usage error with the help
    /// on stderr (exit code 2); <paramref name="exitCode"/> says which.
    /// </summary>
    public static DevnetArguments? Parse(IReadOnlyList<string> args, out int exitCode) =>
        ToolCommandLine.Parse("Processor.Devnet", Description, Options, args, Read, out exitCode);

    private static DevnetArguments Read(ParseResult parsed) => new(
        parsed.GetValue(NetworkOption)!,
        parsed.GetValue(ExitWhenReadyOption),
        parsed.GetValue(ExitWhenDoneOption),
        parsed.GetResult(KeepRunningSecondsOption) is null ? null : parsed.GetValue(KeepRunningSecondsOption),
        parsed.GetValue(ReadyTimeoutSecondsOption),
        parsed.GetValue(StepTimeoutSecondsOption),
        parsed.GetValue(LogLevelOption)!);
}
