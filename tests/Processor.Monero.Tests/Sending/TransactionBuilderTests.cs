using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Scanning;
using Processor.Monero.Sending;
using Processor.Monero.Transactions;
using static Processor.Monero.Tests.Sending.SendingFixtures;

namespace Processor.Monero.Tests.Sending;

/// <summary>
/// Transactions built and signed with one key: valid CLSAGs and Bulletproofs+, balanced, the fee monerod's formula gives
/// for their weight, readable by the recipient with the data, deterministic, and refused with a reason when impossible.
/// </summary>
public sealed class TransactionBuilderTests : IDisposable
{
    private readonly TestWallet _sender = new("sender");
    private readonly TestWallet _recipient = new("recipient");

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    public void SignedTransaction_VerifiesBalancesAndPaysTheFeeItsWeightNeeds(int inputCount, int paymentCount)
    {
        var request = Request(inputCount, Enumerable.Range(0, paymentCount).Select(i => new Payment(_recipient.Address, 1_000_000_000UL * (ulong)(i + 1))).ToList());

        var transaction = SignedTransaction(request);

        var parsed = MoneroTransaction.Parse(transaction.Serialize());
        Assert.Equal(transaction.Serialize(), parsed.Serialize());
        var rct = parsed.RctBase!;
        Assert.Equal(SendingFixtures.Fee.FeeFor(parsed.Weight()), rct.Fee);
        Assert.Equal(paymentCount + 1, parsed.Prefix.Outputs.Count);
        var keyImages = parsed.Prefix.Inputs.Cast<KeyInput>().Select(i => i.KeyImage.ToArray()).ToList();
        Assert.Equal(keyImages.OrderDescending(Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))), keyImages);
        foreach (var (input, i) in parsed.Prefix.Inputs.Cast<KeyInput>().Select((input, i) => (input, i)))
        {
            var ring = request.Inputs.Single(r => r.Ring.GlobalIndices.SequenceEqual(input.AbsoluteOffsets())).Ring;
            Assert.True(ClsagVerifier.Verify(parsed.Prunable!.Clsags[i], ring.Members, input.KeyImage.ToPoint(), parsed.Prunable.PseudoOutputs[i].ToPoint(), parsed.SignatureHash()));
        }

        var commitments = rct.OutputCommitments.Select(c => c.ToPoint()).ToList();
        Assert.True(BulletproofPlusVerifier.Verify((BulletproofPlus)parsed.Prunable!.RangeProofs[0], commitments));
        var pseudoOuts = parsed.Prunable.PseudoOutputs.Select(p => p.ToPoint()).Aggregate((a, b) => a + b);
        using var fee = MoneroScalars.FromUInt64(rct.Fee);
        Assert.Equal(pseudoOuts, commitments.Aggregate((a, b) => a + b) + MoneroGenerators.H.Multiply(fee));
    }

    [Fact]
    public void Recipient_FindsTheExactAmountAndTheData_AndTheSenderItsChange()
    {
        var data = "instruction: mint to serai account 7"u8.ToArray();
        var request = Request(1, [new Payment(_recipient.Address, 2_500_000_000)]) with { Data = [data] };

        var transaction = SignedTransaction(request);

        using var recipientScanner = _recipient.Scanner();
        var scannable = ScannableTransaction.From(transaction, [.. transaction.Prefix.Outputs.Select((_, i) => 500UL + (ulong)i)]);
        var received = Assert.Single(recipientScanner.Scan(scannable));
        Assert.Equal(2_500_000_000UL, received.Amount);
        Assert.Equal(data, received.Data);
        using var senderScanner = _sender.Scanner();
        var change = Assert.Single(senderScanner.Scan(scannable));
        Assert.Equal(request.Inputs[0].Output.Amount - 2_500_000_000UL - transaction.RctBase!.Fee, change.Amount);
    }

    [Fact]
    public void PaymentToASubaddress_UsesOneAdditionalKeyPerOutput_AndIsFound()
    {
        var subaddress = new SubaddressIndex(3, 1);
        var request = Request(1, [new Payment(_recipient.Subaddress(3, 1), 700_000_000), new Payment(_recipient.Address, 10)]);

        var transaction = SignedTransaction(request);

        Assert.Equal(3, TxExtra.Parse(transaction.Prefix.Extra).AdditionalPublicKeys.Count);
        using var scanner = _recipient.Scanner(subaddress);
        var found = scanner.Scan(ScannableTransaction.From(transaction, [1, 2, 3]));
        Assert.Equal([(subaddress, 700_000_000UL), (SubaddressIndex.Primary, 10UL)], found.Select(o => (o.Subaddress, o.Amount)).OrderByDescending(o => o.Amount));
    }

    [Fact]
    public void SameRequest_BuildsTheSameUnsignedTransaction_AnotherRSeedAnother()
    {
        var request = Request(2, [new Payment(_recipient.Address, 123_456_789)]);

        var first = TransactionBuilder.Build(request);
        var second = TransactionBuilder.Build(request);
        var other = TransactionBuilder.Build(request with { RSeed = Seed("another plan") });

        Assert.Equal(first.Extra, second.Extra);
        Assert.Equal(first.Outputs.Select(o => o.Output), second.Outputs.Select(o => o.Output));
        Assert.Equal(first.RangeProof.A, second.RangeProof.A);
        Assert.NotEqual(first.Extra, other.Extra);
        var keyImages = request.Inputs.Select((_, i) => EdwardsPoint.MultiplyBase(Key($"image {i}"))).ToList();
        Assert.Equal(first.WithKeyImages(keyImages).Message, second.WithKeyImages(keyImages).Message);
    }

    [Fact]
    public void OnePaymentWithoutChange_IsRefusedWithNoChange()
    {
        var request = Request(1, [new Payment(_recipient.Address, 1)]) with { Change = null };

        Assert.Equal(TransactionBuildError.NoChange, Assert.Throws<TransactionBuildException>(() => TransactionBuilder.Build(request)).Error);
    }

    [Fact]
    public void SeventeenOutputs_AreRefused()
    {
        var request = Request(1, [.. Enumerable.Repeat(new Payment(_recipient.Address, 1), 16)]);

        Assert.Equal(TransactionBuildError.TooManyOutputs, Assert.Throws<TransactionBuildException>(() => TransactionBuilder.Build(request)).Error);
    }

    [Fact]
    public void InputsThatCannotPayTheFee_AreRefusedWithNotEnoughFunds()
    {
        var request = Request(1, []);
        var exact = request with { Payments = [new Payment(_recipient.Address, request.Inputs[0].Output.Amount)] };
        var withoutChange = request with { Payments = [new Payment(_recipient.Address, request.Inputs[0].Output.Amount / 2), new Payment(_recipient.Address, request.Inputs[0].Output.Amount / 2)], Change = null };

        Assert.Equal(TransactionBuildError.NotEnoughFunds, Assert.Throws<TransactionBuildException>(() => TransactionBuilder.Build(exact)).Error);
        Assert.Equal(TransactionBuildError.NotEnoughFunds, Assert.Throws<TransactionBuildException>(() => TransactionBuilder.Build(withoutChange)).Error);
    }

    [Fact]
    public void DataLongerThanANonce_IsRefused()
    {
        var request = Request(1, [new Payment(_recipient.Address, 1)]) with { Data = [new byte[TransactionBuilder.MaxDataLength + 1]] };

        Assert.Equal(TransactionBuildError.DataTooLong, Assert.Throws<TransactionBuildException>(() => TransactionBuilder.Build(request)).Error);
    }

    [Fact]
    public void IntegratedAddress_IsRefused()
    {
        var integrated = new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Integrated, _recipient.Address.SpendKey, _recipient.Address.ViewKey, new byte[8]);
        var request = Request(1, [new Payment(integrated, 1)]);

        Assert.Equal(TransactionBuildError.InvalidPayment, Assert.Throws<TransactionBuildException>(() => TransactionBuilder.Build(request)).Error);
    }

    [Fact]
    public void RingWithoutTheSpentOutput_IsRefused()
    {
        var request = Request(2, [new Payment(_recipient.Address, 1)]);
        var swapped = request with { Inputs = [(request.Inputs[0].Output, request.Inputs[1].Ring), request.Inputs[1]] };

        Assert.Equal(TransactionBuildError.InvalidInputs, Assert.Throws<TransactionBuildException>(() => TransactionBuilder.Build(swapped)).Error);
    }

    [Fact]
    public void WrongSpendKey_IsRefusedBeforeSigning()
    {
        var unsigned = TransactionBuilder.Build(Request(1, [new Payment(_recipient.Address, 1)]));

        Assert.Throws<ArgumentException>(() => SingleKeySigner.Sign(unsigned, _recipient.SpendSecret, ClsagSigner.SystemRandom));
    }

    public void Dispose()
    {
        _sender.Dispose();
        _recipient.Dispose();
    }

    private MoneroTransaction SignedTransaction(TransactionRequest request) =>
        SingleKeySigner.Sign(TransactionBuilder.Build(request), _sender.SpendSecret, ClsagSigner.SystemRandom);

    private TransactionRequest Request(int inputCount, IReadOnlyList<Payment> payments)
    {
        var inputs = Enumerable.Range(0, inputCount).Select(i => _sender.Owned(2_000UL + (ulong)i, 40_000_000_000)).Select(o => (o, RingFor(o))).ToList();
        return new TransactionRequest(Seed("plan 1"), inputs, payments, _sender.Address, [], SendingFixtures.Fee);
    }
}
