using System.Globalization;
using Xunit;

namespace Processor.Testing;

/// <summary>
/// The seed of a randomized test: random unless <c>CRYPTO_TEST_SEED</c> is set (to replay a failure), and always written to
/// the test's output, which xunit prints when the test fails.
/// </summary>
public static class TestSeed
{
    public static int New()
    {
        var fixedSeed = Environment.GetEnvironmentVariable("CRYPTO_TEST_SEED");
        var seed = fixedSeed is null ? Random.Shared.Next() : int.Parse(fixedSeed, CultureInfo.InvariantCulture);
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed} (replay with CRYPTO_TEST_SEED={seed})");
        return seed;
    }
}
