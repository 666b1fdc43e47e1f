using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Hosting;
using Processor.Messaging;
using Processor.Messaging.Kafka;

namespace Processor.Deployment.Tests;

/// <summary>The services' environment in compose.yaml, checked against the options classes that bind it.</summary>
public class ComposeEnvironmentTests
{
    /// <summary>Configuration sections bound to options classes, by the classes' own section names.</summary>
    private static readonly Dictionary<string, Type> OptionSections = new(StringComparer.Ordinal)
    {
        [KafkaOptions.SectionName] = typeof(KafkaOptions),
        [MessagingOptions.SectionName] = typeof(MessagingOptions),
        [ProcessorOptions.SectionName] = typeof(ProcessorOptions),
    };

    /// <summary>
    /// Sections set in compose.yaml for code that does not exist yet (keys listed); replace an entry by its options class in
    /// <see cref="OptionSections"/> once the class exists.
    /// </summary>
    private static readonly Dictionary<string, string[]> PendingSections = new(StringComparer.Ordinal)
    {
        ["Bitcoin"] = ["RpcUrl", "RpcUser", "RpcPassword"],
    };

    /// <summary>Keys without a section that the services (ASP.NET Core, OpenTelemetry) read.</summary>
    private static readonly HashSet<string> PlainKeys = new(StringComparer.Ordinal)
    {
        "Urls",
        "ASPNETCORE_URLS",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_SERVICE_NAME",
    };

    private static ComposeFile Compose => ComposeFile.Repository;

    public static TheoryData<string> Services => ComposeServiceTests.Services;

    [Theory]
    [MemberData(nameof(Services))]
    public void OptionKeys_EveryKafkaMessagingProcessorKey_NamesAPublicSettableOptionsProperty(string name)
    {
        var keys = Compose.Service(name).Environment.Keys.Select(k => k.Split("__")).ToList();

        // A section spelt in another case would still bind (configuration keys ignore case), but hides from reviews and greps.
        Assert.All(keys, segments => Assert.False(
            !OptionSections.ContainsKey(segments[0]) && OptionSections.Keys.Any(s => s.Equals(segments[0], StringComparison.OrdinalIgnoreCase)),
            $"{name}: '{string.Join("__", segments)}' spells a section name differently from its options class."));

        foreach (var segments in keys.Where(s => OptionSections.ContainsKey(s[0])))
        {
            var key = string.Join("__", segments);
            var type = OptionSections[segments[0]];
            Assert.True(segments.Length >= 2, $"{name}: {key} names no property of {type.Name}.");
            var property = type.GetProperty(segments[1], BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is not null, $"{name}: {key}: {type.Name} has no public property '{segments[1]}'.");
            Assert.True(property.SetMethod is { IsPublic: true }, $"{name}: {key}: {type.Name}.{property.Name} has no public setter.");
            var isMap = property.PropertyType.IsAssignableTo(typeof(IDictionary<string, string>));
            Assert.True(
                segments.Length == (isMap ? 3 : 2),
                isMap ? $"{name}: {key}: {type.Name}.{property.Name} is a map; name one entry (__<key>)." : $"{name}: {key} goes below {type.Name}.{property.Name}.");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void OptionValues_BindAndValidate_AsTheServiceDoesAtStart(string name)
    {
        var environment = Compose.Service(name).Environment;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(
                e.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
                e.Value is null ? null : Interpolation.ResolveWithDefaults(e.Value))))
            .Build();

        var kafka = BindAndValidate(configuration, new KafkaOptions());
        // What AddProcessorMessaging sets before binding.
        BindAndValidate(configuration, new MessagingOptions { Schema = name, ConsumerGroup = $"processor.{name}", ServiceName = name });
        var processor = BindAndValidate(configuration, new ProcessorOptions());

        // A real broker: the services create missing topics with the admin API there (the embedded broker is for development).
        Assert.Equal(KafkaMode.External, kafka.Mode);
        // compose.yaml runs a single broker: a new topic can have one replica only.
        Assert.True(kafka.ReplicationFactor is -1 or 1, $"{name}: Kafka__ReplicationFactor {kafka.ReplicationFactor} exceeds the one broker.");
        Assert.True(Topics.IsValidNetworkName(processor.Network), $"{name}: Processor__Network '{processor.Network}' is not a valid network name.");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EnvironmentKeys_Every_IsReadBySomething(string name)
    {
        foreach (var key in Compose.Service(name).Environment.Keys)
        {
            var segments = key.Split("__");
            var known = segments switch
            {
                [var plain] => PlainKeys.Contains(plain),
                ["ConnectionStrings", var connection] => connection == MessagingHostingExtensions.PostgresConnectionName,
                [var section, ..] when OptionSections.ContainsKey(section) => true,
                [var section, var property] when PendingSections.TryGetValue(section, out var properties) => properties.Contains(property),
                _ => false,
            };
            Assert.True(known, $"{name}: nothing reads the environment variable '{key}' (a typo?).");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void ConnectionString_EveryService_HasAPostgresConnectionString(string name)
    {
        var value = Compose.Service(name).Environment.GetValueOrDefault($"ConnectionStrings__{MessagingHostingExtensions.PostgresConnectionName}");

        Assert.False(string.IsNullOrWhiteSpace(value), $"{name} has no ConnectionStrings__{MessagingHostingExtensions.PostgresConnectionName}.");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void ProcessorNetwork_EveryService_IsValidAndEqualsTheTopicScriptNetwork(string name)
    {
        var network = Compose.Service(name).Environment.GetValueOrDefault($"{ProcessorOptions.SectionName}__{nameof(ProcessorOptions.Network)}");

        Assert.NotNull(network);
        Assert.True(Topics.IsValidNetworkName(network), $"{name}: '{network}' is not a valid network name.");
        Assert.Equal(TopicScript.Repository.Network, network);
    }

    private static T BindAndValidate<T>(IConfiguration configuration, T options)
        where T : class
    {
        var section = (string)typeof(T).GetField("SectionName")!.GetRawConstantValue()!;
        configuration.GetSection(section).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        var results = new List<ValidationResult>();
        Assert.True(
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true),
            $"{typeof(T).Name}: {string.Join("; ", results.Select(r => r.ErrorMessage))}");
        return options;
    }
}
