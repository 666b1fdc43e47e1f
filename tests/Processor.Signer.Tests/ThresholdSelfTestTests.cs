using Processor.Networks;
using Processor.Signer.Keys;
using Processor.Signer.SelfTest;

namespace Processor.Signer.Tests;

public class ThresholdSelfTestTests
{
    [Theory]
    [InlineData(NetworkCurve.Secp256k1)]
    [InlineData(NetworkCurve.Ed25519)]
    public void Run_NetworkCurve_CompletesCeremonyAndBothSignatures(NetworkCurve curve)
    {
        var failure = Record.Exception(() => ThresholdSelfTest.Run(NetworkKeySuites.Of(curve)));

        Assert.Null(failure);
    }
}
