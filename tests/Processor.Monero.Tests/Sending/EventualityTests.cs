using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using Processor.Monero.Serialization;
using Processor.Monero.Transactions;
using static Processor.Monero.Tests.Sending.SendingFixtures;

namespace Processor.Monero.Tests.Sending;

/// <summary>An eventuality recognises its planned transaction, however signed, and nothing else; it survives its bytes.</summary>
public sealed class EventualityTests : IDisposable
{
    private readonly TestWallet _sender = new("eventuality sender");
    private readonly TestWallet _recipient = new("eventuality recipient");

    [Fact]
    public void PlannedTransaction_IsMatched_EvenSignedTwiceWithOtherNonces()
    {
        var unsigned = TransactionBuilder.Build(Request(Seed("plan A"), 5_000_000_000));

        Assert.True(unsigned.Eventuality.Matches(Sign(unsigned)));
        Assert.True(unsigned.Eventuality.Matches(Sign(unsigned)));
    }

    [Fact]
    public void TransactionOfAnotherPlan_IsNotMatched()
    {
        var planned = TransactionBuilder.Build(Request(Seed("plan A"), 5_000_000_000));
        var otherSeed = Sign(TransactionBuilder.Build(Request(Seed("plan B"), 5_000_000_000)));
        var otherAmount = Sign(TransactionBuilder.Build(Request(Seed("plan A"), 5_000_000_001)));

        Assert.False(planned.Eventuality.Matches(otherSeed));
        Assert.False(planned.Eventuality.Matches(otherAmount));
    }

    [Fact]
    public void SameExtraButAnotherOutput_IsNotMatched()
    {
        var unsigned = TransactionBuilder.Build(Request(Seed("plan A"), 5_000_000_000));
        var transaction = Sign(unsigned);
        var outputs = transaction.Prefix.Outputs.ToList();
        outputs[0] = outputs[0] with { ViewTag = (byte)(outputs[0].ViewTag!.Value ^ 1) };
        var altered = MoneroTransaction.CreateV2(transaction.Prefix with { Outputs = outputs }, transaction.RctBase!, transaction.Prunable);

        Assert.False(unsigned.Eventuality.Matches(altered));
    }

    [Fact]
    public void SerializedEventuality_MatchesTheSame()
    {
        var unsigned = TransactionBuilder.Build(Request(Seed("plan A"), 5_000_000_000));

        var restored = Eventuality.Deserialize(unsigned.Eventuality.Serialize());

        Assert.Equal(unsigned.Eventuality.Serialize(), restored.Serialize());
        Assert.True(restored.Matches(Sign(unsigned)));
    }

    [Fact]
    public void DamagedBytes_AreRefusedWithAReason()
    {
        var bytes = TransactionBuilder.Build(Request(Seed("plan A"), 5_000_000_000)).Eventuality.Serialize();

        Assert.Throws<MoneroFormatException>(() => Eventuality.Deserialize(bytes.AsSpan(0, bytes.Length - 1)));
        bytes[0] = 9;
        Assert.Contains("version 9", Assert.Throws<MoneroFormatException>(() => Eventuality.Deserialize(bytes)).Message);
    }

    public void Dispose()
    {
        _sender.Dispose();
        _recipient.Dispose();
    }

    private MoneroTransaction Sign(UnsignedTransaction unsigned) => SingleKeySigner.Sign(unsigned, _sender.SpendSecret, ClsagSigner.SystemRandom);

    private TransactionRequest Request(byte[] rSeed, ulong amount)
    {
        var output = _sender.Owned(77, 20_000_000_000);
        return new TransactionRequest(rSeed, [(output, RingFor(output))], [new Payment(_recipient.Address, amount)], _sender.Address, [], SendingFixtures.Fee);
    }
}
