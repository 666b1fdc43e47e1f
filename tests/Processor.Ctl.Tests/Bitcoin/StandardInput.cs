namespace Processor.Ctl.Tests.Bitcoin;

/// <summary>Tests that replace the process's standard input (for <c>-</c> arguments) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StandardInput
{
    public const string Name = "Standard input";

    /// <summary>Runs <paramref name="run"/> with <paramref name="input"/> as <see cref="Console.In"/>, restoring it after.</summary>
    public static async Task<T> WithInputAsync<T>(string input, Func<Task<T>> run)
    {
        var original = Console.In;
        Console.SetIn(new StringReader(input));
        try
        {
            return await run();
        }
        finally
        {
            Console.SetIn(original);
        }
    }
}
