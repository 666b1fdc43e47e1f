using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Testing;

namespace Processor.Monero.Tests.Keys;

/// <summary>The sender's and the receiver's sides of one output agree: key, view tag, amount, mask, payment id, key image.</summary>
public sealed class OutputSecretsTests
{
    [Fact]
    public void SenderAndReceiver_DeriveTheSameOutput()
    {
        var random = new Random(TestSeed.New());
        using var txSecret = RandomScalar(random);
        using var viewSecret = RandomScalar(random);
        using var spendSecret = RandomScalar(random);
        var txPublic = EdwardsPoint.MultiplyBase(txSecret);
        var viewPublic = EdwardsPoint.MultiplyBase(viewSecret);
        var spendPublic = EdwardsPoint.MultiplyBase(spendSecret);

        var sender = KeyDerivation.Generate(viewPublic, txSecret);
        var receiver = KeyDerivation.Generate(txPublic, viewSecret);
        Assert.Equal(sender.Encoding.ToArray(), receiver.Encoding.ToArray());

        const ulong index = 3;
        var outputKey = sender.DerivePublicKey(index, spendPublic);
        using var outputSecret = receiver.DeriveSecretKey(index, spendSecret);
        Assert.Equal(outputKey, EdwardsPoint.MultiplyBase(outputSecret));
        Assert.Equal(sender.ViewTag(index), receiver.ViewTag(index));

        using var amountKey = sender.ToScalar(index);
        const ulong amount = 1_100_000_000_000;
        var encrypted = AmountEncryption.Encrypt(amount, amountKey);
        Assert.Equal(amount, AmountEncryption.Decrypt(encrypted, receiver.ToScalar(index)));
        Assert.NotEqual(amount, BitConverter.ToUInt64(encrypted));

        var paymentId = Convert.FromHexString("1122334455667788");
        Assert.Equal(paymentId, receiver.XorPaymentId(sender.XorPaymentId(paymentId)));

        var image = KeyImage.Generate(outputKey, outputSecret);
        Assert.True(image.IsTorsionFree);
        Assert.Equal(MoneroHash.HashToPoint(outputKey.Encoding).Multiply(outputSecret), image);
    }

    [Fact]
    public void Commitments_AreHomomorphic()
    {
        var random = new Random(TestSeed.New());
        using var a = RandomScalar(random);
        using var b = RandomScalar(random);
        using var sum = a + b;
        Assert.Equal(PedersenCommitment.Commit(a, 5) + PedersenCommitment.Commit(b, 7), PedersenCommitment.Commit(sum, 12));
        Assert.Equal(EdwardsPoint.Generator + MoneroGenerators.H.Multiply(MoneroScalars.FromUInt64(9)), PedersenCommitment.CommitWithUnitMask(9));
    }

    [Fact]
    public void CommitmentMask_OpensTheCommitment()
    {
        using var amountKey = MoneroScalars.FromUInt64(42);
        using var mask = AmountEncryption.CommitmentMask(amountKey);
        var commitment = PedersenCommitment.Commit(mask, 1000);
        Assert.Equal(commitment - MoneroGenerators.H.Multiply(MoneroScalars.FromUInt64(1000)), EdwardsPoint.MultiplyBase(mask));
    }

    private static Scalar RandomScalar(Random random)
    {
        var bytes = new byte[64];
        random.NextBytes(bytes);
        return MoneroScalars.Reduce(bytes);
    }
}
