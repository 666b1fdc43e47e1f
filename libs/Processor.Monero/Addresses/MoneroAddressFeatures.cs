namespace Processor.Monero.Addresses;

/// <summary>
/// The feature bits of a Serai "featured" address (an unofficial format wallet2 cannot use): varint bits 0 subaddress,
/// 1 payment id, 2 guaranteed (the shared key is prefixed with a uniqueness hash, which makes the burning bug impossible).
/// </summary>
[Flags]
public enum MoneroAddressFeatures
{
    /// <summary>A plain featured address.</summary>
    None = 0,

    /// <summary>The keys are a subaddress's (the sender's tx key is r·D).</summary>
    Subaddress = 1,

    /// <summary>An 8-byte payment id follows the features.</summary>
    PaymentId = 2,

    /// <summary>Outputs to it use the guaranteed (burning-bug-free) shared key.</summary>
    Guaranteed = 4,
}
