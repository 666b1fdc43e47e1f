using System.Globalization;

namespace Processor.Monero.Scanning;

/// <summary>A subaddress of a wallet: account <see cref="Major"/>, address <see cref="Minor"/>; (0, 0) is the primary address.</summary>
public readonly record struct SubaddressIndex(uint Major, uint Minor)
{
    /// <summary>The primary address.</summary>
    public static SubaddressIndex Primary => default;

    /// <summary>Whether this is the primary address rather than a subaddress.</summary>
    public bool IsPrimary => Major == 0 && Minor == 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Major},{Minor})");
}
