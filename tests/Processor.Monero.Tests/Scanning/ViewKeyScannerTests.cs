using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Scanning;

namespace Processor.Monero.Tests.Scanning;

/// <summary>
/// The view-key scanner on transactions made here with the sender's side of the same math (tx key r, R = r·G or r·D,
/// derivation 8·r·A): what it finds, what it ignores, and what it reports. Real wallet2 payments are scanned in the node tests.
/// </summary>
public sealed class ViewKeyScannerTests : IDisposable
{
    private static readonly SubaddressIndex Deposit = new(1, 0);

    private readonly Scalar _spendSecret = Key("our spend");
    private readonly Scalar _viewSecret = Key("our view");
    private readonly EdwardsPoint _spendKey;
    private readonly ViewKeyScanner _scanner;

    public ViewKeyScannerTests()
    {
        _spendKey = EdwardsPoint.MultiplyBase(_spendSecret);
        _scanner = new ViewKeyScanner(_viewSecret, new SubaddressTable(_spendKey, _viewSecret, [Deposit]));
    }

    [Fact]
    public void PaymentToThePrimaryAddress_IsFound_WithItsAmountMaskAndSpendableKeyOffset()
    {
        using var r = Key("tx key");
        var output = Pay(KeyDerivation.Generate(EdwardsPoint.MultiplyBase(_viewSecret), r), 0, _spendKey, 1_234_567);

        var found = Assert.Single(_scanner.Scan(Transaction(EdwardsPoint.MultiplyBase(r), [output])));

        Assert.Equal((SubaddressIndex.Primary, 1_234_567UL, 100UL), (found.Subaddress, found.Amount, found.GlobalIndex));
        Assert.Equal(output.Commitment, PedersenCommitment.Commit(found.CommitmentMask, found.Amount));
        using var outputSecret = _spendSecret + found.KeyOffset;
        Assert.Equal(found.Key, EdwardsPoint.MultiplyBase(outputSecret));
    }

    [Fact]
    public void PaymentToARegisteredSubaddress_ThroughAnAdditionalKey_IsFound_AndSpendable()
    {
        var (subaddressSpend, subaddressView) = WalletKeys.SubaddressPublicKeys(_spendKey, _viewSecret, Deposit.Major, Deposit.Minor);
        using var r0 = Key("other tx key");
        using var r1 = Key("additional key");
        using var someonesView = Key("someone's view");
        using var someonesSpend = Key("someone's spend");
        var others = Pay(KeyDerivation.Generate(EdwardsPoint.MultiplyBase(someonesView), r0), 0, EdwardsPoint.MultiplyBase(someonesSpend), 5);
        var ours = Pay(KeyDerivation.Generate(subaddressView, r1), 1, subaddressSpend, 42);
        var transaction = Transaction(EdwardsPoint.MultiplyBase(r0), [others, ours]) with
        {
            AdditionalPublicKeys = [EdwardsPoint.MultiplyBase(r0), subaddressSpend.Multiply(r1)],
        };

        var found = Assert.Single(_scanner.Scan(transaction));

        Assert.Equal((Deposit, 1, 42UL, 101UL), (found.Subaddress, found.IndexInTransaction, found.Amount, found.GlobalIndex));
        using var subaddressSecret = WalletKeys.SubaddressSpendSecret(_spendSecret, _viewSecret, Deposit.Major, Deposit.Minor);
        using var sharedSecret = KeyDerivation.Generate(subaddressView, r1).ToScalar(1);
        using var outputSecret = subaddressSecret + sharedSecret;
        using var fromOffset = _spendSecret + found.KeyOffset;
        Assert.Equal(found.Key, EdwardsPoint.MultiplyBase(outputSecret));
        Assert.Equal(found.Key, EdwardsPoint.MultiplyBase(fromOffset));
    }

    [Fact]
    public void PaymentToASubaddressNotInTheTable_IsIgnored()
    {
        var (spend, view) = WalletKeys.SubaddressPublicKeys(_spendKey, _viewSecret, 7, 7);
        using var r = Key("tx key");

        var found = _scanner.Scan(Transaction(spend.Multiply(r), [Pay(KeyDerivation.Generate(view, r), 0, spend, 9)]));

        Assert.Empty(found);
    }

    [Fact]
    public void TimelockedAndMinerTransactions_AreDropped()
    {
        using var r = Key("tx key");
        var transaction = Transaction(EdwardsPoint.MultiplyBase(r), [Pay(KeyDerivation.Generate(EdwardsPoint.MultiplyBase(_viewSecret), r), 0, _spendKey, 7)]);

        Assert.Single(_scanner.Scan(transaction));
        Assert.Empty(_scanner.Scan(transaction with { UnlockTime = 500 }));
        Assert.Empty(_scanner.Scan(transaction with { IsCoinbase = true }));
    }

    [Fact]
    public void OurKeyWithAnAmountThatDoesNotOpenTheCommitment_IsNotReported()
    {
        using var r = Key("tx key");
        var output = Pay(KeyDerivation.Generate(EdwardsPoint.MultiplyBase(_viewSecret), r), 0, _spendKey, 7);
        using var otherMask = Key("mask");

        var found = _scanner.Scan(Transaction(EdwardsPoint.MultiplyBase(r), [output with { Commitment = PedersenCommitment.Commit(otherMask, 7) }]));

        Assert.Empty(found);
    }

    [Fact]
    public void WrongViewTag_IsNotOurs()
    {
        using var r = Key("tx key");
        var output = Pay(KeyDerivation.Generate(EdwardsPoint.MultiplyBase(_viewSecret), r), 0, _spendKey, 7);

        var found = _scanner.Scan(Transaction(EdwardsPoint.MultiplyBase(r), [output with { ViewTag = (byte)(output.ViewTag!.Value ^ 1) }]));

        Assert.Empty(found);
    }

    [Fact]
    public void PaymentIdAndData_AreReported_ThePaymentIdDecrypted()
    {
        using var r = Key("tx key");
        var derivation = KeyDerivation.Generate(EdwardsPoint.MultiplyBase(_viewSecret), r);
        var paymentId = Convert.FromHexString("1122334455667788");
        var transaction = Transaction(EdwardsPoint.MultiplyBase(r), [Pay(derivation, 0, _spendKey, 7)]) with
        {
            EncryptedPaymentId = derivation.XorPaymentId(paymentId),
            ArbitraryData = [0xde, 0xad],
        };

        var found = Assert.Single(_scanner.Scan(transaction));

        Assert.Equal(paymentId, found.PaymentId);
        Assert.Equal([0xde, 0xad], found.Data);
    }

    [Fact]
    public void TheSameOutputKeyTwiceInABlock_IsReportedOnce()
    {
        using var r = Key("tx key");
        var transaction = Transaction(EdwardsPoint.MultiplyBase(r), [Pay(KeyDerivation.Generate(EdwardsPoint.MultiplyBase(_viewSecret), r), 0, _spendKey, 7)]);

        var found = _scanner.Scan([transaction, transaction with { Hash = new string('b', 64) }]);

        Assert.Equal(new string('a', 64), Assert.Single(found).TransactionHash);
    }

    [Fact]
    public void IndicesThatDoNotMatchTheOutputs_AreRefused()
    {
        using var r = Key("tx key");
        var transaction = Transaction(EdwardsPoint.MultiplyBase(r), [Pay(KeyDerivation.Generate(EdwardsPoint.MultiplyBase(_viewSecret), r), 0, _spendKey, 7)]);

        Assert.Throws<ArgumentException>(() => _scanner.Scan(transaction with { GlobalOutputIndices = [] }));
    }

    public void Dispose()
    {
        _scanner.Dispose();
        _spendSecret.Dispose();
        _viewSecret.Dispose();
    }

    private static Scalar Key(string label) => MoneroScalars.Reduce(SHA512.HashData(Encoding.ASCII.GetBytes(label)));

    /// <summary>The sender's side: output <paramref name="index"/> of <paramref name="amount"/> to spend key <paramref name="spendKey"/>.</summary>
    private static ScannableOutput Pay(KeyDerivation derivation, int index, EdwardsPoint spendKey, ulong amount)
    {
        using var sharedSecret = derivation.ToScalar((ulong)index);
        using var mask = AmountEncryption.CommitmentMask(sharedSecret);
        return new ScannableOutput(
            derivation.DerivePublicKey((ulong)index, spendKey),
            derivation.ViewTag((ulong)index),
            AmountEncryption.Encrypt(amount, sharedSecret),
            PedersenCommitment.Commit(mask, amount),
            0);
    }

    private static ScannableTransaction Transaction(EdwardsPoint publicKey, IReadOnlyList<ScannableOutput> outputs) => new(
        new string('a', 64), false, 0, publicKey, [], outputs, [.. outputs.Select((_, i) => 100UL + (ulong)i)], null, null);
}
