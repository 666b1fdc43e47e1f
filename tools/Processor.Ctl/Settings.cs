using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Npgsql;
using Processor.Contracts;

namespace Processor.Ctl;

/// <summary>Where Postgres and Kafka are, and which network's topics (in which validator's namespace) to use.</summary>
internal sealed record Settings(string PostgresConnectionString, string BootstrapServers, NetworkTopics Topics)
{
    public const string PostgresEnv = "ConnectionStrings__Postgres";
    public const string BootstrapEnv = "Kafka__BootstrapServers";
    public const string NetworkEnv = "Processor__Network";
    public const string NamespaceEnv = "Processor__TopicNamespace";
    public const string DefaultBootstrap = "127.0.0.1:29092";
    public const string DefaultNetwork = "bitcoin";

    /// <summary>Postgres as host:port/database (never the password).</summary>
    public string PostgresDisplay
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        }
    }
}

/// <summary>The connection options every command takes; each falls back to an environment variable.</summary>
internal sealed class ConnectionOptions
{
    private readonly Option<string?> _postgres = new("--postgres")
    {
        Description = $"Npgsql connection string [env {Settings.PostgresEnv}]",
        HelpName = "connection-string",
    };

    private readonly Option<string?> _bootstrap = new("--bootstrap")
    {
        Description = $"Kafka bootstrap servers [env {Settings.BootstrapEnv}; default {Settings.DefaultBootstrap}]",
        HelpName = "servers",
    };

    private readonly Option<string?> _network = new("--network")
    {
        Description = $"External network whose topics are meant [env {Settings.NetworkEnv}; default {Settings.DefaultNetwork}]",
        HelpName = "network",
    };

    private readonly Option<string?> _namespace = new("--namespace")
    {
        Description = $"Topic namespace of the validator whose topics and consumer groups are meant [env {Settings.NamespaceEnv}; default none]",
        HelpName = "namespace",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_postgres);
        command.Options.Add(_bootstrap);
        command.Options.Add(_network);
        command.Options.Add(_namespace);
    }

    /// <exception cref="UsageException">A setting is missing or malformed.</exception>
    public Settings Resolve(ParseResult parsed, Func<string, string?> environment)
    {
        var postgres = FirstNonBlank(parsed.GetValue(_postgres), environment(Settings.PostgresEnv))
            ?? throw new UsageException(
                $"No Postgres connection string: pass --postgres <connection-string> or set the environment variable {Settings.PostgresEnv}.");
        try
        {
            _ = new NpgsqlConnectionStringBuilder(postgres);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"The Postgres connection string is not valid: {ex.Message}");
        }

        var bootstrap = FirstNonBlank(parsed.GetValue(_bootstrap), environment(Settings.BootstrapEnv)) ?? Settings.DefaultBootstrap;
        return new Settings(postgres, bootstrap, ResolveTopics(parsed, environment));
    }

    /// <summary>The topics of the network in the namespace the command line or the environment names.</summary>
    /// <exception cref="UsageException">The network name or the namespace is not valid.</exception>
    public NetworkTopics ResolveTopics(ParseResult parsed, Func<string, string?> environment)
    {
        var network = FirstNonBlank(parsed.GetValue(_network), environment(Settings.NetworkEnv)) ?? Settings.DefaultNetwork;
        if (!Topics.IsValidNetworkName(network))
        {
            throw new UsageException(
                $"'{network}' is not a valid network name (lower-case letters, digits and '-', starting with a letter, e.g. bitcoin).");
        }

        var topicNamespace = FirstNonBlank(parsed.GetValue(_namespace), environment(Settings.NamespaceEnv));
        return topicNamespace is null || Topics.IsValidNamespace(topicNamespace)
            ? Topics.For(network, topicNamespace)
            : throw new UsageException($"--namespace '{topicNamespace}' is not valid: {Topics.NamespaceRule}");
    }

    /// <summary>An option taking a whole number of at least 0, with a readable message for anything else.</summary>
    public static Option<T?> WholeNumber<T>(string name, string description)
        where T : struct, INumber<T> =>
        new(name)
        {
            Description = description,
            HelpName = name.TrimStart('-').Split('-')[^1],
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError($"{name} expects a whole number of 0 or more, not '{text}'.");
                return null;
            },
        };

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
