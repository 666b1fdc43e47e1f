using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Tests.Frost;

/// <summary>Trusted-dealer keys and complete signing runs whose every random choice (keys, nonces) comes from one seed.</summary>
internal sealed class SeededSigning(FrostCiphersuite suite, Random random)
{
    public FrostCiphersuite Suite => suite;

    public Random Random => random;

    public PrimeOrderGroup Group => suite.Group;

    public Scalar RandomScalar()
    {
        var bytes = new byte[48];
        random.NextBytes(bytes);
        return Group.ReduceWide(bytes);
    }

    public DealtKey Deal(int threshold, int participants)
    {
        var coefficients = Enumerable.Range(0, threshold).Select(_ => RandomScalar()).ToList();
        using var polynomial = Polynomial.FromCoefficients(coefficients);
        coefficients.ForEach(c => c.Dispose());
        return TrustedDealer.Split(polynomial, [.. Enumerable.Range(1, participants).Select(i => Identifier.FromIndex(Group, i))]);
    }

    public SigningNonces Commit(KeyShare share)
    {
        var hiding = new byte[32];
        var binding = new byte[32];
        random.NextBytes(hiding);
        random.NextBytes(binding);
        return suite.CreateNonces(share, hiding, binding);
    }

    /// <summary>Round 1 for every signer, the package, round 2 for every signer: the package and the shares.</summary>
    public (SigningPackage Package, List<SignatureShare> Shares) SignShares(IReadOnlyList<KeyShare> signers, byte[] message, KeyOffset? offset = null)
    {
        var nonces = signers.Select(Commit).ToList();
        var package = new SigningPackage(nonces.Select(n => n.Commitments), message, offset);
        var shares = signers.Zip(nonces, (share, n) => suite.Sign(package, n, share)).ToList();
        return (package, shares);
    }

    public byte[] Sign(DealtKey key, IReadOnlyList<KeyShare> signers, byte[] message, KeyOffset? offset = null)
    {
        var (package, shares) = SignShares(signers, message, offset);
        return suite.Aggregate(package, shares, key.PublicKey);
    }

    public List<KeyShare> RandomSigners(DealtKey key, int count) => [.. key.Shares.OrderBy(_ => random.Next()).Take(count)];

    public byte[] RandomMessage()
    {
        var message = new byte[random.Next(0, 80)];
        random.NextBytes(message);
        return message;
    }
}
