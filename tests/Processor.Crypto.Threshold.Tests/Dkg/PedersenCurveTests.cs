using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Crypto.Secp256k1;

namespace Processor.Crypto.Threshold.Tests.Dkg;

/// <summary>
/// The per-curve Pedersen building blocks on their own, with large identifiers (hash-sized scalars rather than 1..n: the
/// case <c>vectors-big-identifier.json</c> is named for, though that ZF file is a signing vector identical to vectors.json).
/// </summary>
public sealed class PedersenCurveTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LargeIdentifiers_DealVerifyAssembleAndSign(bool taproot)
    {
        var suite = taproot ? FrostCiphersuite.Secp256k1Taproot : FrostCiphersuite.Ristretto255Sha512;
        var group = suite.Group;
        byte[] context = [7, 7, 7];
        var ids = Enumerable.Range(0, 4).Select(_ =>
        {
            using var value = group.RandomScalar();
            return Identifier.FromScalar(value);
        }).ToList();

        var polynomials = new Dictionary<Identifier, Polynomial>();
        var dealings = new Dictionary<Identifier, Dealing>();
        foreach (var id in ids)
        {
            using var secret = group.RandomScalar();
            polynomials[id] = Polynomial.Random(secret, 3);
            dealings[id] = Dealing.Create(suite, id, secret, polynomials[id], context);
            Assert.True(dealings[id].IsValid(suite, id, 3, context));
        }

        var keys = new List<CurveKey>();
        foreach (var recipient in ids)
        {
            var shares = ids.Select(dealer => polynomials[dealer].Evaluate(recipient)).ToList();
            Assert.All(ids.Zip(shares), p => Assert.True(dealings[p.First].VerifiesShare(recipient, p.Second)));
            using var wrong = shares[0] + shares[1];
            Assert.False(dealings[ids[0]].VerifiesShare(recipient, wrong));
            keys.Add(CurveKey.Assemble(recipient, dealings, shares));
            shares.ForEach(s => s.Dispose());
        }

        var message = "large identifiers"u8.ToArray();
        var signature = await DkgCeremonyTests.SignAsync(suite, [keys[3], keys[0], keys[2]], message);
        var groupKey = keys[0].PublicKey.GroupPublicKey;
        Assert.True(taproot
            ? Bip340.Verify(signature, message, Taproot.OutputKey(Secp256k1Group.Instance.XOnly(groupKey)).XOnly)
            : suite.Verify(signature, message, groupKey));

        keys.ForEach(k => k.Dispose());
        foreach (var polynomial in polynomials.Values)
        {
            polynomial.Dispose();
        }
    }

    [Fact]
    public void Assemble_RefusesSharesThatDoNotMatchTheDealings()
    {
        var suite = FrostCiphersuite.Ristretto255Sha512;
        var ids = Enumerable.Range(1, 2).Select(i => Identifier.FromIndex(suite.Group, i)).ToList();
        using var s1 = suite.Group.RandomScalar();
        using var s2 = suite.Group.RandomScalar();
        using var p1 = Polynomial.Random(s1, 2);
        using var p2 = Polynomial.Random(s2, 2);
        var dealings = new Dictionary<Identifier, Dealing>
        {
            [ids[0]] = Dealing.Create(suite, ids[0], s1, p1, []),
            [ids[1]] = Dealing.Create(suite, ids[1], s2, p2, []),
        };
        using var own = p1.Evaluate(ids[0]);
        using var notForMe = p2.Evaluate(ids[1]);

        Assert.Throws<ArgumentException>(() => CurveKey.Assemble(ids[0], dealings, [own, notForMe]));
        Assert.Throws<ArgumentException>(() => Dealing.Create(suite, ids[0], s2, p1, []));
    }
}
