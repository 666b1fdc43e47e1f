using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>
/// The signed-over part of a transaction: version (1 or 2), unlock time (a height below 500,000,000, else a Unix time),
/// inputs, outputs and the free-form extra (kept as bytes; <see cref="TxExtra"/> parses them).
/// </summary>
public sealed record TransactionPrefix(ulong Version, ulong UnlockTime, IReadOnlyList<TransactionInput> Inputs, IReadOnlyList<TransactionOutput> Outputs, byte[] Extra)
{
    /// <summary>The prefix's serialization.</summary>
    public byte[] Serialize()
    {
        var writer = new MoneroWriter();
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>The prefix hash, Keccak of the serialization: what v1 ring signatures sign, the first part of a v2 txid.</summary>
    public byte[] Hash() => MoneroHash.Keccak(Serialize());

    internal static TransactionPrefix Read(ref MoneroReader reader)
    {
        var version = reader.ReadVarint("version");
        if (version is not (1 or 2))
        {
            throw new MoneroFormatException($"Unknown transaction version {version} (1 and 2 are known).");
        }

        var unlockTime = reader.ReadVarint("unlock time");
        var inputCount = reader.ReadCount("input count", 2);
        var inputs = new TransactionInput[inputCount];
        for (var i = 0; i < inputCount; i++)
        {
            inputs[i] = TransactionInput.Read(ref reader, i);
        }

        var outputCount = reader.ReadCount("output count", 34);
        var outputs = new TransactionOutput[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            outputs[i] = TransactionOutput.Read(ref reader, i);
        }

        var extraLength = reader.ReadCount("extra length", 1);
        return new TransactionPrefix(version, unlockTime, inputs, outputs, reader.ReadBytes(extraLength, "extra"));
    }

    internal void Write(MoneroWriter writer)
    {
        writer.WriteVarint(Version).WriteVarint(UnlockTime).WriteVarint((ulong)Inputs.Count);
        foreach (var input in Inputs)
        {
            input.Write(writer);
        }

        writer.WriteVarint((ulong)Outputs.Count);
        foreach (var output in Outputs)
        {
            output.Write(writer);
        }

        writer.WriteVarint((ulong)Extra.Length).WriteBytes(Extra);
    }
}
