using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;
using Processor.Monero.Crypto;
using Processor.Monero.Multisig;
using Processor.Monero.Sending;
using Processor.Networks;
using Processor.Networks.Plugins.Monero;
using Processor.Signer.Keys;

namespace Processor.Signer.Signing;

/// <summary>
/// A Monero plan's transaction, signed with threshold CLSAG: one machine per input (in the plan's order), built from the
/// plan, its spend data and the rings the scheduler chose. A preprocess carries an input's nonce commitments and key-image
/// share; only the signing set's preprocesses give the key images, and with them the transaction (inputs sorted by key
/// image, pseudo-outs) and the one message every CLSAG signs. The signed transaction goes to the scheduler once every
/// CLSAG verifies and the transaction is the plan's eventuality.
/// </summary>
public sealed class MoneroTransactionSubject : SigningSubject
{
    private static readonly Ed25519Group Group = Ed25519Group.Instance;

    private readonly PlanCreated _plan;
    private readonly UnsignedTransaction _transaction;
    private readonly IReadOnlyList<MultisigInput> _inputs;
    private readonly MultisigPublicKey _key;
    private readonly NetworkTopics _topics;

    private MoneroTransactionSubject(
        PlanCreated plan, UnsignedTransaction transaction, IReadOnlyList<MultisigInput> inputs, MultisigPublicKey key, SessionKeys keys, NetworkTopics topics)
        : base(SubjectKey.Of(plan.Session, SignKind.Transaction, plan.PlanId.ToByteArray()), keys.Network)
    {
        _plan = plan;
        _transaction = transaction;
        _inputs = inputs;
        _key = key;
        _topics = topics;
    }

    public override int MachineCount => _inputs.Count;

    /// <summary>The subject of <paramref name="plan"/>, signed with <paramref name="keys"/> (an Ed25519 network key).</summary>
    /// <exception cref="PoisonMessageException">
    /// The plan is not one these keys can sign: another key, no rings or not Monero's, inputs that are not outputs of the key,
    /// or a transaction that is not the plan's eventuality (the message says which).
    /// </exception>
    public static MoneroTransactionSubject Of(PlanCreated plan, SessionKeys keys, NetworkTopics topics)
    {
        var key = MultisigKeyOf(keys);
        SchedulerPlans.CheckIdAndKey(plan, key.GroupKey.Serialize());
        try
        {
            var transaction = MoneroPlanTransactions.Build(plan.PlanId.Span, SchedulerPlans.ToTransactionPlan(plan), RingsOf(plan));
            if (!plan.EventualityTxid.Span.SequenceEqual(transaction.Eventuality.Serialize()))
            {
                throw new InvalidPlanException(
                    "its transaction's eventuality is not the plan's eventuality (eventuality_txid): the signer would sign another transaction.");
            }

            return new MoneroTransactionSubject(plan, transaction, InputsOf(transaction, key), key, keys, topics);
        }
        catch (InvalidPlanException ex)
        {
            throw new PoisonMessageException($"PlanCreated {SchedulerPlans.IdOf(plan)}: {ex.Message}", ex);
        }
    }

    public override async Task<IDisposable[]> PreprocessAsync(Func<byte[], CancellationToken, Task> record, CancellationToken cancellationToken)
    {
        var machines = new List<ClsagMachine>();
        try
        {
            foreach (var input in _inputs)
            {
                machines.Add(new ClsagMachine(CurveKey.Share, _key, input));
                await record(machines[^1].Preprocess.Serialize(), cancellationToken);
            }
        }
        catch
        {
            AttemptNonces.DisposeAll(machines);
            throw;
        }

        return [.. machines];
    }

    public override (SigningRound? Round, List<ParticipantFault> Faults) Combine(
        IReadOnlyList<byte[]> ours, IReadOnlyDictionary<int, IReadOnlyList<byte[]>> peers)
    {
        var (decoded, faults) = PeerData.Decode(
            peers, _inputs.Count, CurveKey.PublicKey.Group, (_, b) => ClsagPreprocess.Deserialize(b), p => IdentifierOf(p.Participant), "preprocess");
        var sets = new ClsagSigningSet?[_inputs.Count];
        for (var input = 0; input < _inputs.Count && faults.Count == 0; input++)
        {
            try
            {
                sets[input] = ClsagSigningSet.Create(
                    _key, _inputs[input], decoded.Values.Select(p => p[input]).Append(ClsagPreprocess.Deserialize(ours[input])));
            }
            catch (ThresholdClsagException refused)
            {
                faults.AddRange(PreprocessFaults(refused, input, peers));
            }
        }

        return faults.Count > 0 ? (null, faults) : (new ClsagRound(this, [.. sets.Select(s => s!)]), faults);
    }

    private List<ParticipantFault> PreprocessFaults(ThresholdClsagException refused, int input, IReadOnlyDictionary<int, IReadOnlyList<byte[]>> peers)
    {
        var what = refused.Fault == ClsagFault.NonceProof ? "nonce DLEq proof" : "key-image share (its DLEq proof against its verifying share fails)";
        return [.. refused.Culprits.Select(culprit => peers.TryGetValue(culprit, out var sent)
            ? new ParticipantFault(culprit, input, sent[input], $"its preprocess for input {input} carries a bad {what}")
            : throw new InvalidOperationException($"{Key}: our own preprocess for input {input} is refused: {refused.Message}"))];
    }

    private static IReadOnlyList<Ring> RingsOf(PlanCreated plan)
    {
        try
        {
            return MoneroPlanRings.Decode(plan.SigningData.Span);
        }
        catch (FormatException ex)
        {
            throw new InvalidPlanException($"its signing_data is not the rings of its inputs (Monero plan rings): {ex.Message}", ex);
        }
    }

    private static MultisigPublicKey MultisigKeyOf(SessionKeys keys)
    {
        var key = keys.Network.PublicKey;
        return key.Group is Ed25519Group
            ? new MultisigPublicKey(key.GroupPublicKey, key.VerifyingShares.ToDictionary(p => (int)p.Key.Number, p => p.Value), key.Threshold)
            : throw new InvalidOperationException($"Session {keys.Session}'s network key is on {key.Group.Name}, not Ed25519: it signs no Monero plans.");
    }

    // One threshold CLSAG input per plan input; each must be an output of the group key (its spend data's offset added).
    private static List<MultisigInput> InputsOf(UnsignedTransaction transaction, MultisigPublicKey key)
    {
        var inputs = new List<MultisigInput>();
        foreach (var (output, ring) in transaction.Inputs)
        {
            if (EdwardsPoint.FromGroupElement(key.GroupKey + Group.MultiplyGenerator(output.KeyOffset)) != output.Key)
            {
                throw new InvalidPlanException($"Input {inputs.Count}'s output key is not the network key plus its spend data's key offset: it is not ours to spend.");
            }

            try
            {
                inputs.Add(new MultisigInput(ring.Members, ring.RealIndex, output.KeyOffset, output.CommitmentMask, output.Amount));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidPlanException($"Input {inputs.Count} cannot be signed with its ring: {ex.Message}", ex);
            }
        }

        if (inputs.Select(i => i.OutputKey).Distinct().Count() != inputs.Count)
        {
            throw new InvalidPlanException("The plan spends one output twice.");
        }

        return inputs;
    }

    private static Identifier IdentifierOf(int participant) => Identifier.FromIndex(Group, participant);

    /// <summary>
    /// The signing set's round: each input's checked set bound to the transaction its key images make (its pseudo-out
    /// mask and message), inputs in the plan's order; <see cref="_transactionOrder"/> lists them in the transaction's.
    /// </summary>
    private sealed class ClsagRound : SigningRound
    {
        private readonly MoneroTransactionSubject _subject;
        private readonly SignableTransaction _signable;
        private readonly ClsagSigningContext[] _contexts;
        private readonly int[] _transactionOrder;

        public ClsagRound(MoneroTransactionSubject subject, ClsagSigningSet[] sets)
        {
            _subject = subject;
            _signable = subject._transaction.WithKeyImages([.. sets.Select(s => s.KeyImage)]);
            _transactionOrder = [.. _signable.Inputs.Select(signing => Array.FindIndex(sets, s => s.KeyImage == signing.KeyImage))];
            _contexts = new ClsagSigningContext[sets.Length];
            foreach (var (signing, input) in _signable.Inputs.Zip(_transactionOrder))
            {
                _contexts[input] = sets[input].Bind(signing.PseudoOutMask, _signable.Message);
            }
        }

        public override byte[][] Sign(IReadOnlyList<IDisposable> secrets) =>
            [.. _contexts.Select((context, input) => ((ClsagMachine)secrets[input]).Sign(context).Serialize())];

        public override List<ParticipantFault> TryComplete(
            IReadOnlyList<byte[]> ourShares, IReadOnlyDictionary<int, IReadOnlyList<byte[]>> peerShares, HandlerContext context)
        {
            var (decoded, faults) = PeerData.Decode(
                peerShares, _contexts.Length, _subject.CurveKey.PublicKey.Group, (_, b) => ClsagShare.Deserialize(b), s => IdentifierOf(s.Participant), "share");
            foreach (var (participant, shares) in decoded)
            {
                var bad = Enumerable.Range(0, _contexts.Length).FirstOrDefault(input => !_contexts[input].VerifyShare(shares[input]), -1);
                if (bad >= 0)
                {
                    faults.Add(new ParticipantFault(participant, bad, peerShares[participant][bad],
                        $"its share for input {bad} does not verify against its nonces and its verifying share"));
                }
            }

            if (faults.Count > 0)
            {
                return faults;
            }

            // Aggregate checks each CLSAG with the verifier monerod's matches.
            var clsags = _transactionOrder.Select(input => _contexts[input].Aggregate(
                decoded.Values.Select(s => s[input]).Append(ClsagShare.Deserialize(ourShares[input]))).Signature).ToList();
            var signed = _signable.Complete(clsags);
            if (!_subject._transaction.Eventuality.Matches(signed))
            {
                throw new InvalidOperationException($"{_subject.Key}: the signed transaction is not the plan's eventuality.");
            }

            var plan = _subject._plan;
            context.Emit(_subject._topics.SignerSignatures, _subject._topics.Network, new TransactionSigned
            {
                Network = plan.Network,
                Session = plan.Session,
                PlanId = plan.PlanId,
                Txid = ByteString.CopyFrom(signed.Hash()),
                Transaction = ByteString.CopyFrom(signed.Serialize()),
            });
            return faults;
        }
    }
}
