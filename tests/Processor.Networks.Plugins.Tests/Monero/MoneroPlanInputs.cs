using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using Processor.Networks.Plugins.Monero;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>Made-up Monero plan inputs of a group key (with their spend data) and rings around them, for plans built offline.</summary>
internal static class MoneroPlanInputs
{
    private static readonly MoneroAddressScripts Scripts = new();

    /// <summary><paramref name="count"/> Change outputs of <paramref name="amount"/> each, owned by <paramref name="groupKey"/> plus their key offsets.</summary>
    public static List<PlannedInput> Of(byte[] groupKey, int count, ulong amount) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var offset = MoneroHash.HashToScalar([.. "plan input offset"u8, (byte)i]);
            var mask = MoneroHash.HashToScalar([.. "plan input mask"u8, (byte)i]);
            var output = new SpendableOutput(EdwardsPoint.Decode(groupKey) + EdwardsPoint.MultiplyBase(offset), 5_000UL + (ulong)i, amount, mask, offset);
            return new PlannedInput(new OutputReference(new byte[32], i), amount, Scripts.OwnScript(groupKey, OutputKind.Change), OutputKind.Change)
            {
                SpendData = MoneroSpendData.Encode(output),
            };
        }),
    ];

    /// <summary>A ring per input of made-up decoys (global indices spaced by <paramref name="spacing"/>) around its output.</summary>
    public static List<Ring> Rings(IReadOnlyList<PlannedInput> inputs, ulong spacing) =>
    [
        .. inputs.Select((input, n) =>
        {
            var output = MoneroPlanPreparer.SpendableOutputOf(input);
            var indices = Enumerable.Range(1, DecoySelector.RingSize - 1).Select(k => (ulong)(100 * n) + (spacing * (ulong)k)).Append(output.GlobalIndex).Order().ToList();
            var members = indices.Select(i => i == output.GlobalIndex
                ? new RingMember(output.Key, output.Commitment)
                : new RingMember(EdwardsPoint.MultiplyBase(MoneroHash.HashToScalar([.. "decoy"u8, (byte)i])), EdwardsPoint.MultiplyBase(MoneroHash.HashToScalar([.. "commitment"u8, (byte)i])))).ToList();
            return new Ring(indices, members, indices.IndexOf(output.GlobalIndex));
        }),
    ];
}
