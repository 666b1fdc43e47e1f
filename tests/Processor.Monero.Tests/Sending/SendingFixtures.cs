using System.Text;
using Processor.Crypto.Groups;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.RingCt;
using Processor.Monero.Scanning;
using Processor.Monero.Sending;

namespace Processor.Monero.Tests.Sending;

/// <summary>A wallet's keys, derived from a name so tests are reproducible, and what it owns and how it is paid.</summary>
internal sealed class TestWallet(string name) : IDisposable
{
    public Scalar SpendSecret { get; } = SendingFixtures.Key(name + " spend");

    public Scalar ViewSecret { get; } = SendingFixtures.Key(name + " view");

    public EdwardsPoint SpendKey => EdwardsPoint.MultiplyBase(SpendSecret);

    public MoneroAddress Address => new(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, SpendKey, EdwardsPoint.MultiplyBase(ViewSecret));

    public MoneroAddress Subaddress(uint major, uint minor)
    {
        var (spend, view) = WalletKeys.SubaddressPublicKeys(SpendKey, ViewSecret, major, minor);
        return new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Subaddress, spend, view);
    }

    public ViewKeyScanner Scanner(params SubaddressIndex[] subaddresses) => new(ViewSecret, new SubaddressTable(SpendKey, ViewSecret, subaddresses));

    /// <summary>An output of <paramref name="amount"/> this wallet owns, at <paramref name="globalIndex"/>.</summary>
    public SpendableOutput Owned(ulong globalIndex, ulong amount)
    {
        var offset = SendingFixtures.Key($"{name} offset {globalIndex}");
        using var secret = SpendSecret + offset;
        return new SpendableOutput(EdwardsPoint.MultiplyBase(secret), globalIndex, amount, SendingFixtures.Key($"{name} mask {globalIndex}"), offset);
    }

    public void Dispose()
    {
        SpendSecret.Dispose();
        ViewSecret.Dispose();
    }
}

internal static class SendingFixtures
{
    public static Scalar Key(string label) => MoneroHash.HashToScalar(Encoding.UTF8.GetBytes(label));

    public static byte[] Seed(string label) => MoneroHash.Keccak(Encoding.UTF8.GetBytes(label));

    /// <summary>A ring of 16 made-up members (global indices 1000, 1010, …) with <paramref name="output"/> at its place.</summary>
    public static Ring RingFor(SpendableOutput output)
    {
        var indices = Enumerable.Range(0, DecoySelector.RingSize - 1).Select(i => 1_000UL + (10UL * (ulong)i)).Append(output.GlobalIndex).Order().ToList();
        var members = indices.Select(i => i == output.GlobalIndex
            ? new RingMember(output.Key, output.Commitment)
            : new RingMember(EdwardsPoint.MultiplyBase(Key($"decoy {i}")), EdwardsPoint.MultiplyBase(Key($"decoy commitment {i}")))).ToList();
        return new Ring(indices, members, indices.IndexOf(output.GlobalIndex));
    }

    public static FeeRate Fee { get; } = new(1_200_000, 10_000);
}
