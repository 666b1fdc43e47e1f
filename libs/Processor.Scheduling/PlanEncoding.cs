using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Processor.Networks;

namespace Processor.Scheduling;

/// <summary>
/// The canonical encoding of a plan and its id. Integers are little-endian; <c>bytes(x)</c> is a u32 length and the bytes.
/// <code>
/// bytes("Processor plan v1") ‖ bytes(network key)
/// ‖ u32 input count ‖ per input:   bytes(transaction id) ‖ u32 index ‖ u64 amount ‖ u8 kind (External 0, Branch 1, Change 2, Forwarded 3) ‖ bytes(locking script)
/// ‖ u32 payment count ‖ per payment: u8 kind (External 0, Branch 1) ‖ bytes(script) ‖ u64 amount
///                                    ‖ External only: u8 origin (Burn 0, Refund 1) ‖ u64 Serai block number ‖ u32 index
/// ‖ u8 has change ‖ if 1: bytes(change script) ‖ u64 change amount
/// </code>
/// The id is SHA-256 of it. Inputs are outputs that exist once, so no two plans share an id.
/// </summary>
public static class PlanEncoding
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("Processor plan v1");

    /// <summary>The plan id of the plan with these parts.</summary>
    public static byte[] Id(byte[] networkKey, IReadOnlyList<PlannedInput> inputs, IReadOnlyList<PlanPayment> payments, PlannedOutput? change) =>
        SHA256.HashData(Encode(networkKey, inputs, payments, change));

    /// <summary>The canonical encoding of the plan with these parts.</summary>
    public static byte[] Encode(byte[] networkKey, IReadOnlyList<PlannedInput> inputs, IReadOnlyList<PlanPayment> payments, PlannedOutput? change)
    {
        ArgumentNullException.ThrowIfNull(networkKey);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(payments);
        using var stream = new MemoryStream();
        WriteBytes(stream, Domain);
        WriteBytes(stream, networkKey);
        WriteU32(stream, (uint)inputs.Count);
        foreach (var input in inputs)
        {
            WriteBytes(stream, input.Id.TransactionId);
            WriteU32(stream, (uint)input.Id.Index);
            WriteU64(stream, input.Amount);
            stream.WriteByte((byte)input.Kind);
            WriteBytes(stream, input.LockingScript);
        }

        WriteU32(stream, (uint)payments.Count);
        foreach (var payment in payments)
        {
            stream.WriteByte((byte)payment.Kind);
            WriteBytes(stream, payment.Script);
            WriteU64(stream, payment.Amount);
            if (payment.Kind == PlanPaymentKind.External)
            {
                var id = payment.Id ?? throw new ArgumentException("An External payment names its payment.", nameof(payments));
                stream.WriteByte((byte)id.Origin);
                WriteU64(stream, id.SeraiBlockNumber);
                WriteU32(stream, id.Index);
            }
        }

        stream.WriteByte(change is null ? (byte)0 : (byte)1);
        if (change is not null)
        {
            WriteBytes(stream, change.LockingScript);
            WriteU64(stream, change.Amount);
        }

        return stream.ToArray();
    }

    private static void WriteBytes(MemoryStream stream, byte[] bytes)
    {
        WriteU32(stream, (uint)bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteU32(MemoryStream stream, uint value)
    {
        Span<byte> buffer = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        stream.Write(buffer);
    }

    private static void WriteU64(MemoryStream stream, ulong value)
    {
        Span<byte> buffer = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        stream.Write(buffer);
    }
}
