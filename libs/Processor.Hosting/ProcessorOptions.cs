using System.ComponentModel.DataAnnotations;

namespace Processor.Hosting;

/// <summary>What this processor instance serves, bound from the <c>Processor</c> configuration section.</summary>
public sealed class ProcessorOptions
{
    public const string SectionName = "Processor";

    /// <summary>The external network, as it appears in topic names (e.g. <c>bitcoin</c>).</summary>
    [Required]
    [RegularExpression("^[a-z][a-z0-9-]*$", ErrorMessage = "Processor:Network must be a lower-case name such as 'bitcoin'.")]
    public string Network { get; set; } = "bitcoin";

    /// <summary>
    /// The validator's topic namespace: when set, every topic name and consumer group starts with <c>&lt;namespace&gt;.</c>,
    /// so several validators can share one broker. Unset (or empty): names have no namespace.
    /// </summary>
    [MaxLength(32, ErrorMessage = "Processor:TopicNamespace must be at most 32 characters.")]
    [RegularExpression("^[a-z][a-z0-9-]*$", ErrorMessage = "Processor:TopicNamespace must be a lower-case name such as 'validator-1'.")]
    public string? TopicNamespace { get; set; }
}
