using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Monero.Crypto;
using Processor.Monero.Multisig;
using Processor.Monero.RingCt;

namespace Processor.Benchmarks.Monero;

/// <summary>A 2-of-3 dealt Ed25519 key and fresh inputs for it, for timing one signer's threshold CLSAG and the aggregation.</summary>
internal sealed class ThresholdClsagRound : IDisposable
{
    private const int RingSize = 16;
    private static readonly byte[] Message = MoneroHash.Keccak("threshold benchmark message"u8);
    private static readonly Ed25519Group Group = Ed25519Group.Instance;

    private readonly MultisigPublicKey _key;
    private readonly MultisigKeyShare[] _shares;

    private ThresholdClsagRound(MultisigPublicKey key, MultisigKeyShare[] shares)
    {
        _key = key;
        _shares = shares;
    }

    public static ThresholdClsagRound Deal()
    {
        var dealt = TrustedDealer.Generate(Group, 2, 3);
        var key = new MultisigPublicKey(dealt.PublicKey.GroupPublicKey, dealt.PublicKey.VerifyingShares.ToDictionary(p => (int)p.Key.Number, p => p.Value), 2);
        var shares = dealt.Shares.Take(2).Select(s =>
        {
            using var secret = Group.DeserializeScalar(s.ExportSigningShare());
            return new MultisigKeyShare((int)s.Identifier.Number, secret, key);
        }).ToArray();
        foreach (var share in dealt.Shares)
        {
            share.Dispose();
        }

        return new ThresholdClsagRound(key, shares);
    }

    /// <summary>A fresh input with signer 2's preprocess already made.</summary>
    public Prepared NewRound()
    {
        var input = NewInput();
        return new Prepared(this, input, new ThresholdClsagSigner(_shares[1], input));
    }

    /// <summary>A fresh input with both shares made, ready to aggregate.</summary>
    public Signed NewSignedRound()
    {
        var input = NewInput();
        var signers = _shares.Select(s => new ThresholdClsagSigner(s, input)).ToList();
        var context = ClsagSigningSet.Create(_key, input, signers.Select(s => s.Preprocess)).Bind(Group.RandomScalar(), Message);
        return new Signed(context, [.. signers.Select(s => s.Sign(context))]);
    }

    public void Dispose()
    {
        foreach (var share in _shares)
        {
            share.Dispose();
        }
    }

    private MultisigInput NewInput()
    {
        var offset = Group.RandomScalar();
        var mask = Group.RandomScalar();
        var realIndex = System.Security.Cryptography.RandomNumberGenerator.GetInt32(RingSize);
        var ring = Enumerable.Range(0, RingSize)
            .Select(i => i == realIndex
                ? new RingMember(EdwardsPoint.FromGroupElement(_key.GroupKey + Group.MultiplyGenerator(offset)), PedersenCommitment.Commit(mask, 1_000))
                : new RingMember(EdwardsPoint.MultiplyBase(Group.RandomScalar()), EdwardsPoint.MultiplyBase(Group.RandomScalar())))
            .ToArray();
        return new MultisigInput(ring, realIndex, offset, mask, 1_000);
    }

    /// <summary>An input whose other signer has preprocessed.</summary>
    internal sealed record Prepared(ThresholdClsagRound Round, MultisigInput Input, ThresholdClsagSigner Other)
    {
        /// <summary>Signer 1's whole part: preprocess, set, bind, share.</summary>
        public ClsagShare SignAsSigner1()
        {
            using var signer = new ThresholdClsagSigner(Round._shares[0], Input);
            var context = ClsagSigningSet.Create(Round._key, Input, [signer.Preprocess, Other.Preprocess]).Bind(Group.RandomScalar(), Message);
            Other.Dispose();
            return signer.Sign(context);
        }
    }

    /// <summary>Both shares of one input.</summary>
    internal sealed record Signed(ClsagSigningContext Context, IReadOnlyList<ClsagShare> Shares)
    {
        public SignedClsag Aggregate() => Context.Aggregate(Shares);
    }
}
