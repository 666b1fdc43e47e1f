namespace Processor.Monero.Addresses;

/// <summary>The kinds of address wallet2 knows.</summary>
public enum MoneroAddressKind
{
    /// <summary>A primary address: spend key B, view key A = a·G.</summary>
    Standard,

    /// <summary>A primary address with an 8-byte payment id, which the sender encrypts into tx extra.</summary>
    Integrated,

    /// <summary>A subaddress (D, C = a·D): the sender's tx key is R = r·D instead of r·G.</summary>
    Subaddress,
}
