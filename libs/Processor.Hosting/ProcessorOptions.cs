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
}
