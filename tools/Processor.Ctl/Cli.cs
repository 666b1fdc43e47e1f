using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Confluent.Kafka;
using Npgsql;
using Processor.Ctl.Bitcoin;
using Processor.Ctl.Monero;
using Processor.Ctl.Reporter;
using Processor.Ctl.Scanner;
using Processor.Ctl.Scheduler;
using Processor.Ctl.Signer;

namespace Processor.Ctl;

/// <summary>
/// The command line of <c>processorctl</c>. Exit codes: 0 done, 1 the command failed (the message says why), 2 the command
/// line is wrong.
/// </summary>
public static class Cli
{
    public const string Name = "processorctl";

    /// <summary>Runs the command line <paramref name="args"/>, reading settings from <paramref name="environment"/>.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<string, string?> environment,
        CancellationToken cancellationToken = default)
    {
        var root = new Command(Name, "Operator's tool for the processor's services: replay and status; offline Bitcoin and Monero tools.")
        {
            new HelpOption(),
            new ReplayCommand(environment),
            new StatusCommand(environment),
            new BitcoinCommand(() => Console.In),
            new MoneroCommand(() => Console.In),
            new ScannerCommand(environment),
            new KeysCommand(environment),
            new AttemptsCommand(environment),
            new PlansCommand(environment),
            new QueueCommand(environment),
            new DroppedCommand(environment),
            new BatchesCommand(environment),
        };

        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"{Name}: {parseError.Message}");
            }

            await WriteUsageHintAsync(error, parsed);
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"{Name}: {ex.Message}");
            await WriteUsageHintAsync(error, parsed);
            return 2;
        }
        catch (CtlException ex)
        {
            await error.WriteLineAsync($"{Name}: {ex.Message}");
            return 1;
        }
        catch (PostgresException ex)
        {
            await error.WriteLineAsync($"{Name}: Postgres error {ex.SqlState}: {ex.MessageText}");
            return 1;
        }
        catch (NpgsqlException ex)
        {
            await error.WriteLineAsync($"{Name}: Postgres failed: {ex.Message}");
            return 1;
        }
        catch (KafkaException ex)
        {
            await error.WriteLineAsync($"{Name}: Kafka failed: {ex.Error.Reason}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{Name}: cancelled; an unfinished transaction was rolled back.");
            return 130;
        }
    }

    private static Task WriteUsageHintAsync(TextWriter error, ParseResult parsed)
    {
        // Command.Parents holds only the direct parent: walk up to the root for the full command line.
        var names = new List<string>();
        for (Command? command = parsed.CommandResult.Command; command is not null; command = command.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, command.Name);
        }

        return error.WriteLineAsync($"Run '{string.Join(" ", names)} --help' for usage.");
    }
}
