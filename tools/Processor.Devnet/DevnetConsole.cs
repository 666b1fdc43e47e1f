namespace Processor.Devnet;

/// <summary>
/// Line-oriented output shared by the devnet and its children: one lock, so lines never interleave. The services' lines get a
/// <c>name │</c> prefix; colours only on a terminal, and never when <c>NO_COLOR</c> is set.
/// </summary>
internal static class DevnetConsole
{
    /// <summary>Width of the prefix column: the longest service label ("v1/scheduler").</summary>
    public const int PrefixWidth = 12;

    private const string Reset = "\u001b[0m";
    private static readonly object Gate = new();
    private static readonly string[] Palette = ["\u001b[36m", "\u001b[35m", "\u001b[33m", "\u001b[32m", "\u001b[34m"];

    private static readonly bool ColorOut = UseColor(Console.IsOutputRedirected);
    private static readonly bool ColorErr = UseColor(Console.IsErrorRedirected);

    /// <summary>A line of the devnet itself.</summary>
    public static void Info(string message) => Write(Console.Out, "devnet", 4, message, ColorOut);

    /// <summary>A line of the demo: its steps and its summary.</summary>
    public static void Demo(string message) => Write(Console.Out, "demo", 3, message, ColorOut);

    /// <summary>A line the coordinator simulator (hosted in the devnet) logged; warnings and errors go to stderr.</summary>
    public static void Simulator(string message, bool isProblem) =>
        Write(isProblem ? Console.Error : Console.Out, "simulator", isProblem ? -1 : 2, message, isProblem ? ColorErr : ColorOut);

    /// <summary>A line that needs attention (stderr).</summary>
    public static void Error(string message) => Write(Console.Error, "devnet", -1, message, ColorErr);

    /// <summary>Lines printed as they are (the status table).</summary>
    public static void Raw(string text)
    {
        lock (Gate)
        {
            Console.Out.WriteLine(text);
            Console.Out.Flush();
        }
    }

    /// <summary>A line a service wrote; <paramref name="index"/> picks its colour.</summary>
    public static void ServiceLine(string service, int index, string line, bool fromStandardError) =>
        Write(fromStandardError ? Console.Error : Console.Out, service, index, line, fromStandardError ? ColorErr : ColorOut);

    private static void Write(TextWriter writer, string source, int colorIndex, string message, bool color)
    {
        var name = source.PadRight(PrefixWidth);
        string prefix;
        if (!color)
        {
            prefix = $"{name} | ";
        }
        else
        {
            var code = colorIndex < 0 ? "\u001b[31m" : Palette[colorIndex % Palette.Length];
            prefix = $"{code}{name} |{Reset} ";
        }

        lock (Gate)
        {
            writer.WriteLine(prefix + message);
            writer.Flush();
        }
    }

    private static bool UseColor(bool redirected) =>
        !redirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
}
