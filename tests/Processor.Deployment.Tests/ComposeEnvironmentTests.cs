using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Rpc;
using Processor.Contracts;
using Processor.Hosting;
using Processor.Messaging;
using Processor.Messaging.Kafka;
using Processor.Signer;

namespace Processor.Deployment.Tests;

/// <summary>The services' environment in compose.yaml, checked against the options classes that bind it.</summary>
public class ComposeEnvironmentTests
{
    /// <summary>Configuration sections bound to options classes, by the classes' own section names (<c>Bitcoin:Rpc</c>, …).</summary>
    private static readonly Dictionary<string, Type> OptionSections = new(StringComparer.Ordinal)
    {
        [KafkaOptions.SectionName] = typeof(KafkaOptions),
        [MessagingOptions.SectionName] = typeof(MessagingOptions),
        [ProcessorOptions.SectionName] = typeof(ProcessorOptions),
        [BitcoinRpcOptions.SectionName] = typeof(BitcoinRpcOptions),
        [BitcoinNetworkOptions.SectionName] = typeof(BitcoinNetworkOptions),
        [SignerOptions.SectionName] = typeof(SignerOptions),
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
    public void OptionKeys_EveryKeyOfAnOptionsSection_NamesAPublicSettableOptionsProperty(string name)
    {
        var keys = Compose.Service(name).Environment.Keys.Select(k => k.Split("__")).ToList();

        // A section spelt in another case would still bind (configuration keys ignore case), but hides from reviews and greps.
        Assert.All(keys, segments => Assert.False(
            SectionOf(segments) is null && OptionSections.Keys.Any(s => s.Split(':')[0].Equals(segments[0], StringComparison.OrdinalIgnoreCase)),
            $"{name}: '{string.Join("__", segments)}' spells a section name differently from its options class."));

        foreach (var segments in keys)
        {
            if (SectionOf(segments) is not var (type, below))
            {
                continue;
            }

            var key = string.Join("__", segments);
            Assert.True(below.Length >= 1, $"{name}: {key} names no property of {type.Name}.");
            var property = type.GetProperty(below[0], BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is not null, $"{name}: {key}: {type.Name} has no public property '{below[0]}'.");
            Assert.True(property.SetMethod is { IsPublic: true }, $"{name}: {key}: {type.Name}.{property.Name} has no public setter.");
            var isMap = property.PropertyType.IsAssignableTo(typeof(IDictionary<string, string>));
            Assert.True(
                below.Length == (isMap ? 2 : 1),
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
        // What AddServiceMessaging sets from the catalog before binding; compose may not give a service another identity.
        var service = ComposeServiceTests.Definition(name);
        var messaging = BindAndValidate(
            configuration, new MessagingOptions { Schema = service.PostgresSchema, ConsumerGroup = service.ConsumerGroup, ServiceName = name });
        Assert.Equal((service.PostgresSchema, service.ConsumerGroup), (messaging.Schema, messaging.ConsumerGroup));
        var processor = BindAndValidate(configuration, new ProcessorOptions());
        if (environment.Keys.Any(k => k.StartsWith("Bitcoin__", StringComparison.Ordinal)))
        {
            var rpc = BindAndValidate(configuration, new BitcoinRpcOptions());
            Assert.True(rpc.Url is not null, $"{name}: {BitcoinRpcOptions.UrlRequiredMessage}");
            BindAndValidate(configuration, new BitcoinNetworkOptions()).Resolve();
        }

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
                _ when SectionOf(segments) is not null => true,
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

    /// <summary>The options class whose section the key's first segments name, and the segments below the section.</summary>
    private static (Type Type, string[] Below)? SectionOf(string[] segments) =>
        OptionSections
            .Select(s => (Path: s.Key.Split(':'), Type: s.Value))
            .Where(s => segments.Length >= s.Path.Length && segments.Take(s.Path.Length).SequenceEqual(s.Path, StringComparer.Ordinal))
            .Select(s => ((Type, string[])?)(s.Type, segments[s.Path.Length..]))
            .FirstOrDefault();

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
