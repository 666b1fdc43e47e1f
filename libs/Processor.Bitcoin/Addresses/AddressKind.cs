namespace Processor.Bitcoin.Addresses;

/// <summary>The roles of the processor's own addresses; each pays the network key plus its own offset (see <see cref="AddressKinds"/>).</summary>
public enum AddressKind
{
    /// <summary>Deposits from users; the only kind whose outputs carry instructions.</summary>
    External,

    /// <summary>Intermediate outputs that fan large payouts out over several transactions.</summary>
    Branch,

    /// <summary>Change of the processor's own transactions.</summary>
    Change,

    /// <summary>Outputs forwarded from a retiring key to its successor.</summary>
    Forwarded,
}
