using System.Globalization;
using Processor.Contracts;
using Processor.Contracts.Common.V1;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>What the simulator plays, bound from the <c>Simulator</c> configuration section and checked by <see cref="Validate"/>.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The external network as it appears in topic names (e.g. <c>bitcoin</c>).</summary>
    public string Network { get; set; } = "bitcoin";

    /// <summary>The same network as Serai numbers it (Batches carry it, and Serai checks Batch ids per network).</summary>
    public NetworkId SeraiNetwork { get; set; } = NetworkId.Bitcoin;

    /// <summary>Kafka bootstrap servers of the one broker every validator's topics live on.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// The embedded broker host's control API (it creates topics there); unset for a real broker, whose admin API is used.
    /// </summary>
    public Uri? EmbeddedControlUrl { get; set; }

    /// <summary>The validators, in participant order: validator i (1-based) is participant i of a session's first attempt.</summary>
    public List<ValidatorOptions> Validators { get; set; } = [];

    /// <summary>Signing threshold t; unset means Serai's ⌊2n/3⌋ + 1.</summary>
    public int? Threshold { get; set; }

    /// <summary>How long a key-generation round may wait for every participant before the silent ones are left out.</summary>
    public TimeSpan KeyGenerationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a signing attempt may wait for preprocesses or shares before a re-attempt without the silent ones.</summary>
    public TimeSpan SigningTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The threshold in force: <see cref="Threshold"/> or ⌊2n/3⌋ + 1.</summary>
    public int EffectiveThreshold => Threshold ?? (2 * Validators.Count / 3) + 1;

    /// <summary>Every problem with the settings, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Topics.IsValidNetworkName(Network))
        {
            errors.Add($"{SectionName}:Network '{Network}' is not a network name (lower-case, e.g. 'bitcoin').");
        }

        if (SeraiNetwork == NetworkId.Unspecified || !Enum.IsDefined(SeraiNetwork))
        {
            errors.Add($"{SectionName}:SeraiNetwork must name a Serai network (e.g. Bitcoin).");
        }

        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            errors.Add($"{SectionName}:BootstrapServers is required (e.g. 127.0.0.1:29092).");
        }

        if (Validators.Count < 2)
        {
            errors.Add($"{SectionName}:Validators must list at least 2 validators (got {Validators.Count}).");
        }

        for (var i = 0; i < Validators.Count; i++)
        {
            errors.AddRange(Validators[i].Validate(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:Validators:{i}")));
        }

        foreach (var duplicate in Validators.GroupBy(v => v.Namespace, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{SectionName}:Validators: namespace '{duplicate.Key}' is used by {duplicate.Count()} validators; each needs its own.");
        }

        if (Threshold is { } t && (t < 1 || t > Validators.Count))
        {
            errors.Add($"{SectionName}:Threshold must be from 1 to the number of validators ({Validators.Count}), got {t}.");
        }

        if (KeyGenerationTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:KeyGenerationTimeout must be positive.");
        }

        if (SigningTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:SigningTimeout must be positive.");
        }

        return errors;
    }

    /// <summary>Throws unless <see cref="Validate"/> finds nothing.</summary>
    /// <exception cref="ArgumentException">The settings are unusable; the message lists every problem.</exception>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid coordinator simulator settings: " + string.Join(" ", errors));
        }
    }
}

/// <summary>One validator: where its processor's topics are, and optionally its signer's identity key.</summary>
public sealed class ValidatorOptions
{
    /// <summary>The validator's topic namespace (its processor's <c>Processor:TopicNamespace</c>).</summary>
    public string Namespace { get; set; } = "";

    /// <summary>
    /// Its signer's identity key (32-byte ristretto255 point, hex), when known in advance; otherwise the simulator learns it
    /// from the signer's <c>SignerIdentity</c> event.
    /// </summary>
    public string? IdentityKey { get; set; }

    /// <summary>The identity key's bytes, or null when not configured.</summary>
    public byte[]? IdentityKeyBytes => string.IsNullOrEmpty(IdentityKey) ? null : Convert.FromHexString(IdentityKey);

    internal IEnumerable<string> Validate(string setting)
    {
        if (!Topics.IsValidNamespace(Namespace))
        {
            yield return $"{setting}:Namespace '{Namespace}' is not a topic namespace: {Topics.NamespaceRule}";
        }

        if (!string.IsNullOrEmpty(IdentityKey) && (IdentityKey.Length != 64 || !IdentityKey.All(char.IsAsciiHexDigit)))
        {
            yield return $"{setting}:IdentityKey must be 64 hex digits (a 32-byte ristretto255 point).";
        }
    }
}
