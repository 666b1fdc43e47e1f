using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using SeraiBatch = Processor.Serai.Batch;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>
/// Serai's checks of a SignedBatch (serai-chain-formats.md §2.3), with the sr25519 vectors' Batches and signatures: validator
/// set 0 signed the "empty" Batch (id 0) and "one_transfer" (id 1) of batches.json.
/// </summary>
public sealed class SeraiChainTests
{
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.Parse("2026-12-01T10:00:00.5Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void ValidBatchesInOrder_AreIncluded_OnePerBlock()
    {
        var chain = ChainWithKeysOfValidatorSet0();

        Assert.IsType<BatchSubmission.Accepted>(chain.Submit(SignatureVectors.SignedBatch("validator-set-0__empty")));
        var first = chain.Seal();
        Assert.IsType<BatchSubmission.Accepted>(chain.Submit(SignatureVectors.SignedBatch("validator-set-0__one_transfer")));
        var second = chain.Seal();

        Assert.Equal([0u], first.Batches.Select(b => b.Batch.Id));
        Assert.Equal([1u], second.Batches.Select(b => b.Batch.Id));
        Assert.Equal(first.Number + 1, second.Number);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), second.Time);
        Assert.Equal(SignatureVectors.SignedBatch("validator-set-0__one_transfer").Batch.ExternalBlockHash, chain.LatestExternalBlock(NetworkId.Bitcoin));
    }

    [Fact]
    public void SameBatchFromAnotherValidator_CountsOnce()
    {
        var chain = ChainWithKeysOfValidatorSet0();
        chain.Submit(SignatureVectors.SignedBatch("validator-set-0__empty"));

        Assert.IsType<BatchSubmission.AlreadyAccepted>(chain.Submit(SignatureVectors.SignedBatch("validator-set-0__empty")));
        chain.Seal();
        Assert.IsType<BatchSubmission.AlreadyAccepted>(chain.Submit(SignatureVectors.SignedBatch("validator-set-0__empty")));
        Assert.Single(chain.Blocks.SelectMany(b => b.Batches));
    }

    [Fact]
    public void BadSignature_IsRejected()
    {
        var chain = ChainWithKeysOfValidatorSet0();
        var forged = SignatureVectors.SignedBatch("validator-set-0__empty");
        forged.Signature = ByteString.CopyFrom([.. forged.Signature.Take(63), (byte)(forged.Signature[63] ^ 0x01)]);

        var rejected = Assert.IsType<BatchSubmission.Rejected>(chain.Submit(forged));

        Assert.Contains("signature does not verify", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SignatureOfAnotherSetsKey_IsRejected()
    {
        var chain = new SeraiChain(Clock);
        chain.SetKeys(NetworkId.Bitcoin, 0, new KeyPair { SubstrateKey = SignatureVectors.PublicKey("validator-set-1__one_dex_with_data"), NetworkKey = ByteString.CopyFrom(new byte[32]) });
        chain.Seal();

        var rejected = Assert.IsType<BatchSubmission.Rejected>(chain.Submit(SignatureVectors.SignedBatch("validator-set-0__empty")));

        Assert.Contains("signature does not verify", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchBeforeAnyKeys_IsRejected()
    {
        var rejected = Assert.IsType<BatchSubmission.Rejected>(new SeraiChain(Clock).Submit(SignatureVectors.SignedBatch("validator-set-0__empty")));

        Assert.Contains("no keys are set", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IdGap_IsRejectedAsFuture()
    {
        var chain = ChainWithKeysOfValidatorSet0();

        var rejected = Assert.IsType<BatchSubmission.Rejected>(chain.Submit(SignatureVectors.SignedBatch("validator-set-0__one_transfer")));

        Assert.Equal("Batch 1 is from the future: the next Batch of Bitcoin is 0", rejected.Reason);
        Assert.Empty(chain.Blocks.SelectMany(b => b.Batches));
    }

    [Fact]
    public void SecondBatchOfTheNetworkInOneBlock_IsRejected()
    {
        var chain = ChainWithKeysOfValidatorSet0();
        chain.Submit(SignatureVectors.SignedBatch("validator-set-0__empty"));

        var rejected = Assert.IsType<BatchSubmission.Rejected>(chain.Submit(SignatureVectors.SignedBatch("validator-set-0__one_transfer")));

        Assert.Contains("already executes Batch 0 of Bitcoin (one per network per block)", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal([0u], chain.Seal().Batches.Select(b => b.Batch.Id));
    }

    [Fact]
    public void BatchOverTheSizeLimit_IsRejectedBeforeItsSignatureIsChecked()
    {
        var chain = ChainWithKeysOfValidatorSet0();
        var batch = SignatureVectors.SignedBatch("validator-set-0__empty").Batch;
        var transfer = SignatureVectors.SignedBatch("validator-set-0__one_transfer").Batch.Instructions[0];
        batch.Instructions.Add(Enumerable.Repeat(transfer, 595));

        var rejected = Assert.IsType<BatchSubmission.Rejected>(chain.Submit(new SignedBatch { Batch = batch, Signature = ByteString.CopyFrom(new byte[64]) }));

        Assert.Equal($"Batch 0 encodes to 25029 bytes, more than {SeraiBatch.MaxEncodedSize} (ExhaustsResources)", rejected.Reason);
    }

    [Fact]
    public void BlockTimes_AreTheClocksWholeSeconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:07.9Z", System.Globalization.CultureInfo.InvariantCulture));
        var chain = new SeraiChain(clock);

        var first = chain.Seal();
        clock.Advance(TimeSpan.FromMilliseconds(50));
        var second = chain.Seal();
        clock.Advance(TimeSpan.FromSeconds(6));
        var third = chain.Seal();

        Assert.Equal(DateTimeOffset.Parse("2026-12-01T10:00:07Z", System.Globalization.CultureInfo.InvariantCulture), first.Time);
        Assert.Equal(first.Time, second.Time);
        Assert.Equal(first.Time.AddSeconds(6), third.Time);
        Assert.Equal([1ul, 2ul, 3ul], chain.Blocks.Select(b => b.Number));
    }

    private static SeraiChain ChainWithKeysOfValidatorSet0()
    {
        var chain = new SeraiChain(Clock);
        chain.SetKeys(NetworkId.Bitcoin, 0, new KeyPair { SubstrateKey = SignatureVectors.PublicKey("validator-set-0__empty"), NetworkKey = ByteString.CopyFrom(new byte[32]) });
        chain.Seal();
        return chain;
    }
}
