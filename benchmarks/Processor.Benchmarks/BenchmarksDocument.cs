namespace Processor.Benchmarks;

/// <summary>
/// <c>docs/benchmarks.md</c>: one <c>##</c> section per benchmark. A run rewrites only its own section, and inside it only
/// the generated part: whatever follows <see cref="KeepMarker"/> in the old section (hand-written notes, tuning history)
/// is carried over.
/// </summary>
internal static class BenchmarksDocument
{
    public const string KeepMarker = "<!-- End of the generated part. Text below this line is kept when the benchmark is re-run. -->";

    private const string Preamble =
        """
        # Benchmarks

        Measured performance of the processor. Each `##` section belongs to one benchmark and is rewritten by its command
        (`scripts/bench.sh <name>`); a run rewrites only its own section, and keeps the text below the marker at the end of it.

        """;

    /// <summary>The repository's <c>docs/benchmarks.md</c>: found by walking up from the working directory to <c>processor.sln</c>.</summary>
    public static string DefaultPath()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "processor.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "benchmarks.md");
            }
        }

        throw new InvalidOperationException("processor.sln not found above the working directory; pass --doc PATH");
    }

    /// <summary>
    /// Prints a benchmark's report and writes it as the section <paramref name="title"/> of the document <c>--doc</c> names
    /// (the repository's by default), unless <c>--no-doc</c> is given.
    /// </summary>
    public static void Publish(BenchmarkArguments options, string title, string report)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine(report);
        if (!options.Flag("no-doc"))
        {
            var path = options.Text("doc") ?? DefaultPath();
            WriteSection(path, title, report);
            Console.Error.WriteLine($"bench: wrote section \"{title}\" of {path}");
        }
    }

    /// <summary>Replaces (or appends) the section headed <c>## {title}</c> with <paramref name="generated"/>.</summary>
    public static void WriteSection(string path, string title, string generated)
    {
        var heading = "## " + title;
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : Preamble.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.TrimEnd() == heading);
        var kept = new List<string>();
        if (start >= 0)
        {
            var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            if (end < 0)
            {
                end = lines.Count;
            }

            var marker = lines.FindIndex(start, end - start, l => l.Trim() == KeepMarker);
            if (marker >= 0)
            {
                kept = lines.GetRange(marker + 1, end - marker - 1);
            }

            lines.RemoveRange(start, end - start);
        }
        else
        {
            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            lines.Add("");
            start = lines.Count;
        }

        var section = new List<string> { heading, "" };
        section.AddRange(generated.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        section.Add("");
        section.Add(KeepMarker);
        section.AddRange(kept.Count > 0 ? kept : [""]);
        if (section[^1].Length != 0)
        {
            section.Add("");
        }

        lines.InsertRange(start, section);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, string.Join('\n', lines).TrimEnd() + "\n");
    }
}
