using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.RingCt;
using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>
/// Builds the unsigned transaction of a <see cref="TransactionRequest"/>: outputs in an order shuffled from the
/// transaction's seed, the change taking what payments and fee leave, the fee found by iterating
/// fee = rate(weight) until the weight (which grows with the fee's varint) is stable, tx extra with R (and the per-output
/// keys when a subaddress is paid), a dummy encrypted payment id in two-output transactions as wallet2 writes one, and
/// the data fields; then the Bulletproofs+ proof. Deterministic: the same request gives the same bytes.
/// </summary>
public static class TransactionBuilder
{
    /// <summary>Monero needs at least two outputs.</summary>
    public const int MinOutputs = 2;

    /// <summary>Bulletproofs+ cover at most 16 outputs.</summary>
    public const int MaxOutputs = 16;

    /// <summary>The longest arbitrary-data field: a tx-extra nonce is at most 255 bytes, one of them the marker.</summary>
    public const int MaxDataLength = TxExtraNonce.MaxLength - 1;

    // The fee's varint is at most 10 bytes, so the weight stops growing within as many rounds.
    private const int FeeRounds = 12;

    /// <summary>The unsigned transaction; throws <see cref="TransactionBuildException"/> saying why it cannot be built.</summary>
    public static UnsignedTransaction Build(TransactionRequest request)
    {
        using var draft = Draft(request);
        var proof = BulletproofPlusProver.Prove([.. draft.Planned.Select(o => new CommitmentOpening(o.Mask, o.Amount))], draft.Keys.Random.NextScalar);
        var pseudoOutSeed = new byte[ChaCha20Rng.SeedLength];
        draft.Keys.Random.NextBytes(pseudoOutSeed);
        var eventuality = new Eventuality(request.RSeed, InputKeys(request), draft.Outputs, draft.Extra);
        return new UnsignedTransaction(request.Inputs, draft.Planned, draft.Extra, draft.Fee, proof, pseudoOutSeed, eventuality);
    }

    /// <summary>
    /// The eventuality of the transaction <see cref="Build"/> makes without change from the r-seed, the spent outputs'
    /// keys, <paramref name="payments"/> and <paramref name="data"/>, whatever the rings: without change the outputs, their
    /// order and the tx extra depend on nothing else (the fee is what the payments leave), so it is known before the rings
    /// are chosen. Throws <see cref="TransactionBuildException"/> when no transaction has these outputs.
    /// </summary>
    public static Eventuality EventualityWithoutChange(
        byte[] rSeed, IReadOnlyList<EdwardsPoint> inputKeys, IReadOnlyList<Payment> payments, IReadOnlyList<byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(rSeed);
        ArgumentNullException.ThrowIfNull(inputKeys);
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentNullException.ThrowIfNull(data);
        CheckOutputCount(payments.Count, hasChange: false);
        var outputs = payments.ToList();
        using var keys = Arrange(rSeed, inputKeys, outputs);
        return new Eventuality(rSeed, inputKeys, outputs, Extra(keys, outputs, data));
    }

    /// <summary>
    /// The fee <see cref="Build"/> pays for <paramref name="request"/> (with change, the least its exact weight needs),
    /// found without proving the outputs' ranges: what fee bounds are checked against.
    /// </summary>
    internal static ulong SettledFee(TransactionRequest request)
    {
        using var draft = Draft(request);
        return draft.Fee;
    }

    /// <summary>The checked request's outputs, shuffled, with the fee settled; throws <see cref="TransactionBuildException"/>.</summary>
    private static BuildDraft Draft(TransactionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckInputs(request.Inputs);
        CheckPayments(request);
        var inputTotal = Sum(request.Inputs.Select(i => i.Output.Amount), "The inputs' amounts");
        var paymentTotal = Sum(request.Payments.Select(p => p.Amount), "The payments' amounts");
        if (paymentTotal > inputTotal)
        {
            throw new TransactionBuildException(TransactionBuildError.NotEnoughFunds, $"The payments ({paymentTotal}) exceed the inputs ({inputTotal}).");
        }

        var outputs = request.Payments.ToList();
        var change = request.Change is { } changeAddress ? new Payment(changeAddress, 0) : null;
        if (change is not null)
        {
            outputs.Add(change);
        }

        CheckOutputCount(outputs.Count, change is not null);
        return Settle(request, outputs, change, inputTotal, paymentTotal);
    }

    private static void CheckOutputCount(int count, bool hasChange)
    {
        if (count < MinOutputs)
        {
            throw new TransactionBuildException(
                TransactionBuildError.NoChange, $"A Monero transaction has at least {MinOutputs} outputs; one payment needs a change address.");
        }

        if (count > MaxOutputs)
        {
            throw new TransactionBuildException(
                TransactionBuildError.TooManyOutputs,
                $"{count} outputs ({(hasChange ? "payments and change" : "payments")}); at most {MaxOutputs} fit one transaction.");
        }
    }

    /// <summary>
    /// The transaction keys of spending <paramref name="inputKeys"/> to <paramref name="outputs"/>, and the outputs shuffled
    /// in place by them: the one place both <see cref="Build"/> and <see cref="EventualityWithoutChange"/> fix the order.
    /// </summary>
    private static TransactionKeys Arrange(ReadOnlySpan<byte> rSeed, IEnumerable<EdwardsPoint> inputKeys, List<Payment> outputs)
    {
        var keys = TransactionKeys.Derive(rSeed, inputKeys, outputs.Count, outputs.Any(p => p.Address.IsSubaddress));
        Shuffle(outputs, keys.Random);
        return keys;
    }

    private static EdwardsPoint[] InputKeys(TransactionRequest request) => [.. request.Inputs.Select(i => i.Output.Key)];

    /// <summary>The transaction keys, the outputs in their shuffled order and the fee, iterated until the weight is stable.</summary>
    private static BuildDraft Settle(TransactionRequest request, List<Payment> outputs, Payment? change, ulong inputTotal, ulong paymentTotal)
    {
        var keys = Arrange(request.RSeed, InputKeys(request), outputs);
        try
        {
            var changeIndex = change is null ? -1 : outputs.IndexOf(change);
            var extra = Extra(keys, outputs, request.Data);
            var placeholderProof = PlaceholderProof(BulletproofPlusChallenges.Pad(outputs.Count));

            // Without change, whatever the payments leave is the fee; with change, the fee is the least the weight needs.
            var fee = change is null ? inputTotal - paymentTotal : 0;
            for (var round = 0; ; round++)
            {
                if (changeIndex >= 0)
                {
                    outputs[changeIndex] = outputs[changeIndex] with { Amount = inputTotal - paymentTotal - fee };
                }

                var planned = outputs.Select((p, i) => keys.Output(i, p)).ToList();
                var weight = UnsignedTransaction.WeightOf(request.Inputs, planned, extra, fee, placeholderProof);
                var needed = request.FeeRate.FeeFor(weight);
                if (needed > inputTotal - paymentTotal)
                {
                    throw new TransactionBuildException(
                        TransactionBuildError.NotEnoughFunds,
                        $"The inputs ({inputTotal}) do not cover the payments ({paymentTotal}) and the fee ({needed} for weight {weight}).");
                }

                if (change is null ? needed <= fee : needed == fee)
                {
                    return new BuildDraft(keys, outputs, planned, extra, fee);
                }

                if (round == FeeRounds)
                {
                    throw new InvalidOperationException($"The fee did not settle in {FeeRounds} rounds (last {fee}, needed {needed}).");
                }

                fee = needed;
            }
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>Tx extra: R (and the Rᵢ), a dummy encrypted payment id when there are two outputs, then the data fields.</summary>
    internal static byte[] Extra(TransactionKeys keys, IReadOnlyList<Payment> outputs, IReadOnlyList<byte[]> data) =>
        ExtraOf(keys.PublicKeyFields(outputs), outputs.Count, () =>
        {
            // wallet2 encrypts 8 zero bytes to the first output with the main key, so every 2-output transaction looks alike.
            var derivation = KeyDerivation.Generate(outputs[0].Address.ViewKey, keys.Main);
            return derivation.XorPaymentId(new byte[8]);
        }, data);

    /// <summary>Tx extra's layout: the key fields, the encrypted payment id when there are two outputs, the data fields.</summary>
    internal static byte[] ExtraOf(IEnumerable<TxExtraField> keyFields, int outputCount, Func<byte[]> encryptedPaymentId, IReadOnlyList<byte[]> data)
    {
        var fields = keyFields.ToList();
        if (outputCount == 2)
        {
            fields.Add(TxExtraNonce.ForEncryptedPaymentId(encryptedPaymentId()));
        }

        fields.AddRange(data.Select(d => TxExtraNonce.ForArbitraryData(d)));
        return TxExtra.Serialize(fields);
    }

    private static void CheckInputs(IReadOnlyList<(SpendableOutput Output, Ring Ring)> inputs)
    {
        if (inputs.Count == 0)
        {
            throw new TransactionBuildException(TransactionBuildError.InvalidInputs, "A transaction spends at least one output.");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var (output, ring) = inputs[i];
            var real = ring.RealIndex >= 0 && ring.RealIndex < ring.Members.Count ? ring.Members[ring.RealIndex] : null;
            if (real is null || ring.GlobalIndices[ring.RealIndex] != output.GlobalIndex || real.Key != output.Key || real.Commitment != output.Commitment)
            {
                throw new TransactionBuildException(TransactionBuildError.InvalidInputs, $"Input {i}'s ring does not hold output {output.GlobalIndex} at its real index.");
            }

            if (ring.Members.Count != inputs[0].Ring.Members.Count || ring.GlobalIndices.Count != ring.Members.Count)
            {
                throw new TransactionBuildException(TransactionBuildError.InvalidInputs, $"Input {i}'s ring differs in size from input 0's; every ring of a transaction has one size.");
            }
        }

        if (inputs.Select(i => i.Output.Key).Distinct().Count() != inputs.Count)
        {
            throw new TransactionBuildException(TransactionBuildError.InvalidInputs, "An output is spent twice.");
        }
    }

    private static void CheckPayments(TransactionRequest request)
    {
        var addresses = request.Payments.Select(p => p.Address).Concat(request.Change is null ? [] : [request.Change]).ToList();
        if (addresses.FirstOrDefault(a => a.Kind is MoneroAddressKind.Integrated or MoneroAddressKind.Featured) is { } unsupported)
        {
            throw new TransactionBuildException(
                TransactionBuildError.InvalidPayment, $"Paying a {unsupported.Kind} address is not supported (standard addresses and subaddresses are).");
        }

        if (addresses.Select(a => a.Network).Distinct().Count() > 1)
        {
            throw new TransactionBuildException(TransactionBuildError.InvalidPayment, "The payments and change are to addresses of different networks.");
        }

        if (request.Data.FirstOrDefault(d => d.Length > MaxDataLength) is { } tooLong)
        {
            throw new TransactionBuildException(TransactionBuildError.DataTooLong, $"A data field of {tooLong.Length} bytes; tx extra carries at most {MaxDataLength} per field.");
        }
    }

    private static ulong Sum(IEnumerable<ulong> amounts, string what)
    {
        try
        {
            return amounts.Aggregate(0UL, (a, b) => checked(a + b));
        }
        catch (OverflowException)
        {
            throw new TransactionBuildException(TransactionBuildError.NotEnoughFunds, $"{what} add up to more than 2⁶⁴ − 1.");
        }
    }

    private static void Shuffle(List<Payment> outputs, ChaCha20Rng random)
    {
        for (var i = outputs.Count - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (outputs[i], outputs[j]) = (outputs[j], outputs[i]);
        }
    }

    /// <summary>A proof of the right shape (6 + log₂(64·padded)/… rounds) to weigh the transaction before proving.</summary>
    internal static BulletproofPlus PlaceholderProof(int paddedOutputs)
    {
        var zero = new RctKey(new byte[RctKey.Length]);
        var rounds = 6 + int.Log2(paddedOutputs);
        var points = Enumerable.Repeat(zero, rounds).ToList();
        return new BulletproofPlus(zero, zero, zero, zero, zero, zero, points, points);
    }

    /// <summary>What the fee search settled on; owns the transaction keys, which the proof still draws from.</summary>
    private sealed record BuildDraft(TransactionKeys Keys, List<Payment> Outputs, List<PlannedOutput> Planned, byte[] Extra, ulong Fee) : IDisposable
    {
        public void Dispose() => Keys.Dispose();
    }
}
