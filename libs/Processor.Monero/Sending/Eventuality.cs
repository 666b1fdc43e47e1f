using Processor.Monero.Crypto;
using Processor.Monero.Addresses;
using Processor.Monero.Serialization;
using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>
/// What a plan promised, as Serai's Monero eventuality: the r-seed and the spent outputs' keys (which fix the transaction
/// keys), the outputs in transaction order with their amounts, and the exact tx extra. <see cref="Matches"/> recognises
/// the planned transaction on chain, whoever published it, by recomputing every output; the extra bytes (R is derived
/// from the r-seed and the inputs) are the lookup key, so another transaction matches only by a hash collision.
/// The bytes hold the r-seed, which reveals the amounts: store them as the scanner's other secrets.
/// </summary>
public sealed record Eventuality(byte[] RSeed, IReadOnlyList<EdwardsPoint> InputKeys, IReadOnlyList<Payment> Outputs, byte[] Extra)
{
    private const byte FormatVersion = 1;

    /// <summary>Whether <paramref name="transaction"/> is the planned one: same extra, no timelock, RingCT type 6, the same outputs.</summary>
    public bool Matches(MoneroTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var prefix = transaction.Prefix;
        if (prefix.Version != 2 || prefix.UnlockTime != 0 || transaction.RctBase is not { Type: RctType.BulletproofPlus } rct
            || !prefix.Extra.AsSpan().SequenceEqual(Extra) || prefix.Outputs.Count != Outputs.Count)
        {
            return false;
        }

        using var keys = TransactionKeys.Derive(RSeed, InputKeys, Outputs.Count, Outputs.Any(p => p.Address.IsSubaddress));
        for (var i = 0; i < Outputs.Count; i++)
        {
            var expected = keys.Output(i, Outputs[i]);
            expected.Mask.Dispose();
            if (expected.Output != prefix.Outputs[i] || !expected.EncryptedAmount.AsSpan().SequenceEqual(rct.EncryptedAmounts[i]) || !expected.Commitment.Equals(rct.OutputCommitments[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The bytes the network plug-in stores (opaque to the services).</summary>
    public byte[] Serialize()
    {
        var writer = new MoneroWriter();
        writer.WriteByte(FormatVersion).WriteBytes(RSeed).WriteVarint((ulong)InputKeys.Count);
        foreach (var key in InputKeys)
        {
            writer.WriteBytes(key.Encoding);
        }

        writer.WriteVarint((ulong)Outputs.Count);
        foreach (var output in Outputs)
        {
            var address = System.Text.Encoding.ASCII.GetBytes(output.Address.ToString());
            writer.WriteVarint((ulong)address.Length).WriteBytes(address).WriteVarint(output.Amount);
        }

        return writer.WriteVarint((ulong)Extra.Length).WriteBytes(Extra).ToArray();
    }

    /// <summary>An eventuality from <see cref="Serialize"/>'s bytes; throws <see cref="MoneroFormatException"/> naming what is wrong.</summary>
    public static Eventuality Deserialize(ReadOnlySpan<byte> bytes)
    {
        var reader = new MoneroReader(bytes);
        var version = reader.ReadByte("eventuality format version");
        if (version != FormatVersion)
        {
            throw new MoneroFormatException($"Unknown Monero eventuality format version {version} ({FormatVersion} is known).");
        }

        var rSeed = reader.Read32("eventuality r-seed");
        var inputKeys = new EdwardsPoint[reader.ReadCount("eventuality input count", 32)];
        for (var i = 0; i < inputKeys.Length; i++)
        {
            inputKeys[i] = Point(reader.Read32($"eventuality input key {i}"), i);
        }

        var outputs = new Payment[reader.ReadCount("eventuality output count", 2)];
        for (var i = 0; i < outputs.Length; i++)
        {
            var text = System.Text.Encoding.ASCII.GetString(reader.ReadBytes(reader.ReadCount($"eventuality output {i} address length", 1), $"eventuality output {i} address"));
            outputs[i] = new Payment(Address(text, i), reader.ReadVarint($"eventuality output {i} amount"));
        }

        var extra = reader.ReadBytes(reader.ReadCount("eventuality extra length", 1), "eventuality extra");
        reader.ExpectEnd("eventuality");
        return new Eventuality(rSeed, inputKeys, outputs, extra);
    }

    private static EdwardsPoint Point(byte[] encoding, int index) =>
        EdwardsPoint.TryDecode(encoding, out var point) ? point : throw new MoneroFormatException($"Eventuality input key {index} is not a curve point.");

    private static MoneroAddress Address(string text, int index)
    {
        try
        {
            return MoneroAddress.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new MoneroFormatException($"Eventuality output {index} has no valid address: {ex.Message}");
        }
    }
}
