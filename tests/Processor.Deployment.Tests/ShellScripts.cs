using System.Globalization;
using System.Text.RegularExpressions;

namespace Processor.Deployment.Tests;

/// <summary>docker/kafka/create-topics.sh: its network and its list of topics.</summary>
internal sealed partial record TopicScript(string Network, IReadOnlyList<(string Name, int Partitions)> Topics, string? TopicConfig)
{
    public static TopicScript Repository { get; } = Load(Tests.Repository.TopicScript);

    public static TopicScript Load(string path)
    {
        var text = File.ReadAllText(path);
        var network = NetworkLine().Match(text);
        var topics = TopicsBlock().Match(text);
        if (!network.Success || !topics.Success)
        {
            throw new InvalidDataException($"{path} must assign NETWORK=<name> and TOPICS=\"<name> <partitions> lines\".");
        }

        var list = topics.Groups["body"].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(words => words.Length == 2 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partitions)
                ? (words[0], partitions)
                : throw new InvalidDataException($"{path}: cannot read the topic line '{string.Join(' ', words)}'."))
            .ToList();
        var config = TopicConfigLine().Match(text);
        return new TopicScript(network.Groups["network"].Value, list, config.Success ? config.Groups["config"].Value : null);
    }

    [GeneratedRegex(@"^NETWORK=(?<network>\S+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex NetworkLine();

    [GeneratedRegex("^TOPICS=\"(?<body>[^\"]*)\"$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TopicsBlock();

    [GeneratedRegex("^TOPIC_CONFIG=\"(?<config>[^\"]*)\"$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TopicConfigLine();
}

/// <summary>docker/postgres/init-processor.sh: the services it creates a role and a schema for.</summary>
internal static partial class PostgresInitScript
{
    public static IReadOnlyList<string> Services(string path)
    {
        var match = ServicesArray().Match(File.ReadAllText(path));
        return match.Success
            ? match.Groups["services"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : throw new InvalidDataException($"{path} must assign services=(<name> ...).");
    }

    /// <summary>The environment variable holding the database password of <paramref name="service"/>.</summary>
    public static string PasswordVariable(string service) => $"PROCESSOR_{service.ToUpperInvariant()}_DB_PASSWORD";

    [GeneratedRegex(@"^\s*services=\((?<services>[^)]*)\)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ServicesArray();
}
