using System.Globalization;

namespace Processor.Benchmarks;

/// <summary>Command-line options: <c>--name value</c> pairs (repeatable ones collected in order) and bare flags.</summary>
internal sealed class BenchmarkArguments
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "no-doc" };

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private BenchmarkArguments()
    {
    }

    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchmarkArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string value;
            if (Flags.Contains(name))
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new ArgumentException($"option --{name} needs a value");
            }

            if (!parsed._values.TryGetValue(name, out var list))
            {
                parsed._values[name] = list = [];
            }

            list.Add(value);
        }

        return parsed;
    }

    public IReadOnlyCollection<string> Names => _values.Keys;

    public bool Flag(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public int Int(string name, int defaultValue, int min, int max)
    {
        var text = Text(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be an integer from {min} to {max}, not '{text}'");
        }

        return value;
    }

    /// <summary>The <c>KEY=VALUE</c> pairs of a repeatable option, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs(string name)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            return [];
        }

        return list.Select(item =>
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--{name} expects KEY=VALUE, not '{item}'");
            }

            return new KeyValuePair<string, string>(item[..equals].Trim(), item[(equals + 1)..].Trim());
        }).ToList();
    }

    /// <summary>Throws unless every option given is one of <paramref name="known"/>.</summary>
    public void EnsureOnly(params string[] known)
    {
        var unknown = Names.Where(n => !known.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }
}
