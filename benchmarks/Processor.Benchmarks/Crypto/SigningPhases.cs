using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Benchmarks.Crypto;

/// <summary>
/// FROST signing of one suite and t-of-n configuration (trusted-dealer key, all t signers present): one signer's round 1
/// and round 2, the aggregator's aggregation (including the final verification), and aggregation when one share is bad
/// (every share verified to name the culprit).
/// </summary>
internal static class SigningPhases
{
    public const string Round1 = "Round 1 (per signer)";
    public const string Round2 = "Round 2 (per signer)";
    public const string Aggregate = "Aggregate";
    public const string AggregateWithBlame = "Aggregate, one bad share (blame)";

    public static IEnumerable<PhaseResult> Measure(string suiteName, FrostCiphersuite suite, int threshold, int participants, int iterations)
    {
        var configuration = $"{threshold}-of-{participants}";
        var key = TrustedDealer.Generate(suite.Group, threshold, participants);
        var signers = key.Shares.Take(threshold).ToList();
        var message = new byte[32];
        var others = signers.Skip(1).Select(s => Commit(suite, s).Commitments).ToList();
        var measured = signers[0];

        yield return new PhaseResult(suiteName, configuration, Round1, OperationTimer.Measure(iterations, () => Commit(suite, measured).Dispose()));

        yield return new PhaseResult(suiteName, configuration, Round2, OperationTimer.Measure(
            iterations,
            () =>
            {
                var nonces = Commit(suite, measured);
                return (Nonces: nonces, Package: new SigningPackage([nonces.Commitments, .. others], message));
            },
            state => suite.Sign(state.Package, state.Nonces, measured)));

        var allNonces = signers.Select(s => Commit(suite, s)).ToList();
        var package = new SigningPackage(allNonces.Select(n => n.Commitments), message);
        var shares = signers.Zip(allNonces, (s, n) => suite.Sign(package, n, s)).ToList();
        yield return new PhaseResult(suiteName, configuration, Aggregate, OperationTimer.Measure(iterations, () => suite.Aggregate(package, shares, key.PublicKey)));

        var tampered = shares.ToList();
        tampered[^1] = Tamper(tampered[^1]);
        yield return new PhaseResult(suiteName, configuration, AggregateWithBlame, OperationTimer.Measure(iterations, () =>
        {
            try
            {
                suite.Aggregate(package, tampered, key.PublicKey);
                throw new InvalidOperationException("a tampered share was not detected");
            }
            catch (InvalidSignatureShareException ex) when (ex.Culprits.Count == 1 && ex.Culprits[0] == tampered[^1].Identifier)
            {
            }
        }));

        foreach (var share in key.Shares)
        {
            share.Dispose();
        }
    }

    private static SigningNonces Commit(FrostCiphersuite suite, KeyShare share) =>
        suite.CommitAsync(share, (_, _) => Task.CompletedTask, CancellationToken.None).GetAwaiter().GetResult();

    private static SignatureShare Tamper(SignatureShare share)
    {
        using var z = share.ToScalar();
        using var one = z.Group.ScalarFromInteger(1);
        using var wrong = z + one;
        return new SignatureShare(share.Identifier, wrong);
    }
}
