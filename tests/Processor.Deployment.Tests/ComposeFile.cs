using YamlDotNet.RepresentationModel;

namespace Processor.Deployment.Tests;

/// <summary>
/// compose.yaml as plain data: mappings are <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string to object, sequences
/// <see cref="IReadOnlyList{T}"/>, scalars strings (null for an empty value). Aliases are resolved and <c>&lt;&lt;</c> merge
/// keys applied, as compose does. Values keep their <c>${...}</c> references (see <see cref="Interpolation"/>).
/// </summary>
internal sealed class ComposeFile
{
    private const string MergeKey = "<<";

    private ComposeFile(string text, IReadOnlyDictionary<string, object?> root)
    {
        Text = text;
        Root = root;
        Services = Mapping(root, "services")
            .ToDictionary(s => s.Key, s => new ComposeService(s.Key, AsMapping(s.Value, $"services.{s.Key}")), StringComparer.Ordinal);
    }

    /// <summary>The file's text.</summary>
    public string Text { get; }

    /// <summary>The top-level mapping.</summary>
    public IReadOnlyDictionary<string, object?> Root { get; }

    /// <summary>The services by name.</summary>
    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>The repository's compose.yaml, parsed once.</summary>
    public static ComposeFile Repository { get; } = Load(Tests.Repository.ComposeFile);

    public static ComposeFile Load(string path)
    {
        var text = File.ReadAllText(path);
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        if (stream.Documents.Count != 1)
        {
            throw new InvalidDataException($"{path} must hold one YAML document, not {stream.Documents.Count}.");
        }

        return new ComposeFile(text, AsMapping(Convert(stream.Documents[0].RootNode), "the document"));
    }

    /// <summary>The service named <paramref name="name"/>; fails the test when there is none.</summary>
    public ComposeService Service(string name) =>
        Services.TryGetValue(name, out var service) ? service : throw new Xunit.Sdk.XunitException($"compose.yaml has no service '{name}'.");

    /// <summary>The mapping under <paramref name="key"/> of <paramref name="mapping"/>; empty when absent or null.</summary>
    public static IReadOnlyDictionary<string, object?> Mapping(IReadOnlyDictionary<string, object?> mapping, string key) =>
        mapping.TryGetValue(key, out var value) && value is not null ? AsMapping(value, key) : new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?> AsMapping(object? value, string what) =>
        value as IReadOnlyDictionary<string, object?> ?? throw new InvalidDataException($"{what} is not a mapping.");

    /// <summary>A scalar under <paramref name="key"/>; null when absent.</summary>
    public static string? Scalar(IReadOnlyDictionary<string, object?> mapping, string key) =>
        mapping.TryGetValue(key, out var value) ? value as string ?? (value is null ? null : throw new InvalidDataException($"{key} is not a scalar.")) : null;

    private static object? Convert(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && string.IsNullOrEmpty(scalar.Value) ? null : scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlMappingNode mapping => ConvertMapping(mapping),
        _ => throw new InvalidDataException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    private static Dictionary<string, object?> ConvertMapping(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var merged = new List<YamlMappingNode>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : throw new InvalidDataException($"Non-scalar key at {keyNode.Start}.");
            if (key == MergeKey && keyNode is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain })
            {
                merged.AddRange(valueNode switch
                {
                    YamlMappingNode single => [single],
                    YamlSequenceNode many => many.Children.Select(c => c as YamlMappingNode
                        ?? throw new InvalidDataException($"A merge list must hold mappings ({c.Start}).")),
                    _ => throw new InvalidDataException($"A merge key needs a mapping ({valueNode.Start})."),
                });
                continue;
            }

            if (!result.TryAdd(key, Convert(valueNode)))
            {
                throw new InvalidDataException($"Duplicate key '{key}' at {keyNode.Start}.");
            }
        }

        // Explicit keys win over merged ones; among merged mappings the first one listed wins.
        foreach (var source in merged)
        {
            foreach (var (key, value) in ConvertMapping(source))
            {
                result.TryAdd(key, value);
            }
        }

        return result;
    }
}

/// <summary>A published port: <c>[host_ip:][published:]target</c>.</summary>
internal sealed record PortMapping(string? HostIp, string? Published, string Target);

/// <summary>One service of compose.yaml.</summary>
internal sealed class ComposeService(string name, IReadOnlyDictionary<string, object?> node)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, object?> Node { get; } = node;

    public string? Image => ComposeFile.Scalar(Node, "image");

    /// <summary><c>build</c> as a mapping (the short form, a context path, becomes <c>{context: ...}</c>); null when absent.</summary>
    public IReadOnlyDictionary<string, object?>? Build => Node.TryGetValue("build", out var build) switch
    {
        false => null,
        true when build is string context => new Dictionary<string, object?> { ["context"] = context },
        true => ComposeFile.AsMapping(build, $"services.{Name}.build"),
    };

    /// <summary><c>environment</c>, from either its mapping or its list form.</summary>
    public IReadOnlyDictionary<string, string?> Environment => Node.TryGetValue("environment", out var environment) switch
    {
        false => new Dictionary<string, string?>(),
        true when environment is IReadOnlyList<object?> list => list.Cast<string>().ToDictionary(
            entry => entry.Split('=', 2)[0],
            entry => entry.Contains('=', StringComparison.Ordinal) ? entry.Split('=', 2)[1] : null,
            StringComparer.Ordinal),
        true => ComposeFile.AsMapping(environment, $"services.{Name}.environment").ToDictionary(
            e => e.Key, e => e.Value as string, StringComparer.Ordinal),
    };

    /// <summary><c>ports</c>, short (<c>127.0.0.1:7101:7101</c>) or long syntax.</summary>
    public IReadOnlyList<PortMapping> Ports => Node.TryGetValue("ports", out var ports) && ports is IReadOnlyList<object?> list
        ? [.. list.Select(ParsePort)]
        : [];

    /// <summary>The health check's command as one string (exec-form words joined by spaces); null when there is none.</summary>
    public string? HealthcheckCommand
    {
        get
        {
            var healthcheck = ComposeFile.Mapping(Node, "healthcheck");
            return healthcheck.TryGetValue("test", out var test) switch
            {
                false => null,
                true when test is string shell => shell,
                true => string.Join(' ', ((IReadOnlyList<object?>)test!).Cast<string>()),
            };
        }
    }

    /// <summary><c>depends_on</c>: dependency → condition (the list form means <c>service_started</c>).</summary>
    public IReadOnlyDictionary<string, string> DependsOn => Node.TryGetValue("depends_on", out var dependsOn) switch
    {
        false => new Dictionary<string, string>(),
        true when dependsOn is IReadOnlyList<object?> list => list.Cast<string>().ToDictionary(d => d, _ => "service_started", StringComparer.Ordinal),
        true => ComposeFile.AsMapping(dependsOn, $"services.{Name}.depends_on").ToDictionary(
            d => d.Key,
            d => ComposeFile.Scalar(ComposeFile.AsMapping(d.Value, $"services.{Name}.depends_on.{d.Key}"), "condition") ?? "service_started",
            StringComparer.Ordinal),
    };

    /// <summary>The networks the service joins (compose's <c>default</c> when none is named).</summary>
    public IReadOnlyList<string> Networks => Node.TryGetValue("networks", out var networks) switch
    {
        false => ["default"],
        true when networks is IReadOnlyList<object?> list => [.. list.Cast<string>()],
        true => [.. ComposeFile.AsMapping(networks, $"services.{Name}.networks").Keys],
    };

    /// <summary><c>command</c> as a list of words (a string command is split on spaces).</summary>
    public IReadOnlyList<string> Command => Node.TryGetValue("command", out var command) switch
    {
        false => [],
        true when command is string text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        true => [.. ((IReadOnlyList<object?>)command!).Cast<string>()],
    };

    private PortMapping ParsePort(object? entry)
    {
        if (entry is IReadOnlyDictionary<string, object?> longSyntax)
        {
            return new PortMapping(
                ComposeFile.Scalar(longSyntax, "host_ip"),
                ComposeFile.Scalar(longSyntax, "published"),
                ComposeFile.Scalar(longSyntax, "target") ?? throw new InvalidDataException($"services.{Name}.ports: no target."));
        }

        var text = entry as string ?? throw new InvalidDataException($"services.{Name}.ports: unexpected entry.");
        var withoutProtocol = text.Split('/')[0];
        var parts = withoutProtocol.Split(':');
        return parts.Length switch
        {
            1 => new PortMapping(null, null, parts[0]),
            2 => new PortMapping(null, parts[0], parts[1]),
            3 => new PortMapping(parts[0], parts[1], parts[2]),
            _ => throw new InvalidDataException($"services.{Name}.ports: cannot read '{text}'."),
        };
    }
}
