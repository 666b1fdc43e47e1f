using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Signing;
using Processor.Bitcoin.Transactions;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>
/// Builds a plan's transaction the one way every validator builds it: version 2, lock time 0, each input final
/// (sequence 0xffffffff) with an empty scriptSig, the payments in order and then the change. Each input is a key-path
/// spend of the network key plus its kind's offset, signed over its BIP341 SIGHASH_DEFAULT hash (a 64-byte signature, the
/// only witness item).
/// </summary>
public sealed class BitcoinTransactionPlanner : ITransactionSigningPlanner
{
    private const int TransactionVersion = 2;

    public byte[] PublishedKey(ReadOnlySpan<byte> groupKey) =>
        groupKey.Length == NetworkKey.Length + 1 && groupKey[0] == 0x02
            ? groupKey[1..].ToArray()
            : throw new InvalidPlanException("A Bitcoin network key is an even-Y secp256k1 point (33 bytes starting with 02).");

    public ISignableTransaction Prepare(TransactionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Inputs.Count == 0)
        {
            throw new InvalidPlanException("A plan spends at least one output.");
        }

        var outputs = plan.Payments.Append(plan.Change).OfType<PlannedOutput>().Select(ToTxOut).ToList();
        if (outputs.Count == 0)
        {
            throw new InvalidPlanException("A plan creates at least one output.");
        }

        var spent = new List<TxOut>();
        var inputs = new List<TxIn>();
        var offsets = new List<byte[]>();
        foreach (var input in plan.Inputs)
        {
            var kind = Enum.IsDefined(input.Kind)
                ? BitcoinOutputKinds.ToAddressKind(input.Kind)
                : throw new InvalidPlanException($"Unknown output kind {input.Kind}.");
            byte[] script;
            try
            {
                script = AddressKinds.ScriptPubKey(plan.NetworkKey, kind);
            }
            catch (FormatException ex)
            {
                throw new InvalidPlanException($"The plan's network key is not a Bitcoin network key: {ex.Message}", ex);
            }

            if (!script.AsSpan().SequenceEqual(input.LockingScript))
            {
                throw new InvalidPlanException(
                    $"Input {Describe(input.Id)} is locked by {Convert.ToHexStringLower(input.LockingScript)}, not by the network key's " +
                    $"{AddressKinds.Name(kind)} address ({Convert.ToHexStringLower(script)}): the signer cannot spend it.");
            }

            if (input.Id.TransactionId.Length != Hash256.Size || input.Id.Index < 0)
            {
                throw new InvalidPlanException($"Input {Describe(input.Id)} does not name a Bitcoin output (32-byte txid, index ≥ 0).");
            }

            spent.Add(ToTxOut(new PlannedOutput(input.LockingScript, input.Amount)));
            inputs.Add(new TxIn(
                new OutPoint(new Hash256(input.Id.TransactionId), (uint)input.Id.Index), ReadOnlyMemory<byte>.Empty, TxIn.FinalSequence, Witness.Empty));
            offsets.Add(AddressKinds.Offset(plan.NetworkKey, kind));
        }

        if (spent.Sum(o => (decimal)o.Value) < outputs.Sum(o => (decimal)o.Value))
        {
            throw new InvalidPlanException("The plan's outputs are worth more than its inputs.");
        }

        var unsigned = Transaction.Create(TransactionVersion, inputs, outputs, 0);
        var sighasher = new TaprootSighasher(unsigned, spent);
        var signingData = offsets
            .Select((offset, i) => new InputSigningData(sighasher.KeyPathSignatureHash(i, SighashType.Default).ToArray(), offset))
            .ToList();
        return new SignableTransaction(unsigned, signingData);
    }

    private static TxOut ToTxOut(PlannedOutput output) =>
        output.Amount <= TxOut.MaxMoney
            ? new TxOut((long)output.Amount, output.LockingScript)
            : throw new InvalidPlanException($"{output.Amount} satoshis is more than there can be.");

    private static string Describe(OutputReference id) => $"{Convert.ToHexStringLower(id.TransactionId)}:{id.Index}";

    /// <summary>The unsigned transaction; completing it puts each 64-byte BIP340 signature in its input's witness.</summary>
    private sealed class SignableTransaction(Transaction unsigned, IReadOnlyList<InputSigningData> inputs) : ISignableTransaction
    {
        public byte[] TransactionId { get; } = unsigned.Txid.ToArray();

        public IReadOnlyList<InputSigningData> Inputs => inputs;

        public byte[] Complete(IReadOnlyList<byte[]> signatures)
        {
            if (signatures.Count != inputs.Count || signatures.Any(s => s.Length != 64))
            {
                throw new ArgumentException($"Need one 64-byte signature per input ({inputs.Count}).", nameof(signatures));
            }

            return unsigned.WithWitnesses([.. signatures.Select(s => Witness.Create((ReadOnlyMemory<byte>)s))]).Serialized.ToArray();
        }
    }
}
