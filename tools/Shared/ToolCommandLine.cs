using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;

namespace Processor.Tools;

/// <summary>
/// The command-line plumbing the devnet and the Kafka host share on top of System.CommandLine (compiled into both): ranged
/// whole-number options, and how a command line ends the tool early. <c>-h</c>/<c>--help</c> prints the help on stdout (exit
/// code 0); a usage error prints <c>error: ...</c> and the help on stderr (exit code 2).
/// </summary>
internal static class ToolCommandLine
{
    public const int UsageErrorExitCode = 2;

    /// <summary>
    /// Parses <paramref name="args"/> with the command <paramref name="name"/> (its help starts with <paramref name="description"/>)
    /// taking <paramref name="options"/> and <c>-h</c>/<c>--help</c>, and reads the values with <paramref name="read"/>, which
    /// throws <see cref="UsageException"/> for options that do not go together. Null means the tool is done: it exits with
    /// <paramref name="exitCode"/> (help or usage error, already printed).
    /// </summary>
    public static T? Parse<T>(
        string name,
        string description,
        IEnumerable<Option> options,
        IReadOnlyList<string> args,
        Func<ParseResult, T> read,
        out int exitCode)
        where T : class
    {
        var command = new Command(name, description) { new HelpOption() };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        var parsed = command.Parse(args);
        var errors = parsed.Errors.Select(e => e.Message).ToList();
        if (errors.Count == 0 && parsed.Action is HelpAction)
        {
            exitCode = parsed.Invoke();
            return null;
        }

        if (errors.Count == 0)
        {
            try
            {
                exitCode = 0;
                return read(parsed);
            }
            catch (UsageException e)
            {
                errors.Add(e.Message);
            }
        }

        foreach (var error in errors)
        {
            Console.Error.WriteLine($"error: {error}");
        }

        Console.Error.WriteLine();
        command.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
        exitCode = UsageErrorExitCode;
        return null;
    }

    /// <summary>An option <c>name &lt;n&gt;</c> taking a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> WholeNumber(string name, string description, int min, int max, int? defaultValue = null)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = "n",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (TryParseWholeNumber(text, min, max, out var value))
                {
                    return value;
                }

                result.AddError(WholeNumberError(name, text, min, max));
                return 0;
            },
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    public static bool TryParseWholeNumber(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    public static string WholeNumberError(string name, string text, int min, int max) =>
        $"{name} expects a whole number from {min} to {max}, got '{text}'.";
}

/// <summary>Options that parsed one by one but do not go together (exit code 2). The message says what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
