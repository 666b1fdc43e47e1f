using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Sr25519;

namespace Processor.Signer.Tests.Signing;

/// <summary>A Batch is signed by a threshold of the session's validators into a signature Serai's chain accepts.</summary>
public sealed class BatchSigningTests
{
    [Fact]
    public async Task TwoOfThreeSign_EachSignerEmitsSignedBatchThatVerifiesAsSr25519OverBatchMessage()
    {
        await using var validators = await SigningValidators.StartAsync(threshold: 2, participants: 3);
        var request = Batches.Request(validators.Keys);
        var id = Batches.SignIdOf(request);

        var preprocesses = await validators.RequestAsync(request);
        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, [1, 3]);
        var completions = await validators.RelaySharesAsync(id, shares, [1, 3]);

        Assert.All(preprocesses.Values, p => Assert.Equal(id, p.Id));
        foreach (var completion in completions.Values)
        {
            var signed = Assert.Single(SigningValidators.Emitted(completion, SignedBatch.Parser));
            Assert.Equal(request.Batch, signed.Batch);
            Assert.True(Sr25519.Verify(validators.Keys.SubstrateKey, Batches.MessageOf(request), signed.Signature.Span));
            var recorded = Assert.Single(SigningValidators.Emitted(completion, BatchSigned.Parser));
            Assert.Equal(signed, recorded.SignedBatch);
            Assert.Equal(request.Session, recorded.Session);
        }
    }
}
