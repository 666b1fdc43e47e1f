using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Multisig;
using Processor.Monero.RingCt;

namespace Processor.Monero.Tests.Multisig;

/// <summary>
/// 2-of-3 threshold CLSAG: every signer set signs a standard CLSAG with monerod's key image; a bad contribution names
/// its culprit. Every message travels through its wire form, and every signer builds its own signing set from the bytes.
/// </summary>
public sealed class ThresholdClsagTests : IDisposable
{
    private static readonly byte[] Message = MoneroHash.Keccak("a threshold transaction's pre-MLSAG hash"u8);
    private readonly MultisigKeys _keys = MultisigKeys.Deal(2, 3);

    public static TheoryData<int[], int> SignerSets() => new()
    {
        { [1, 2], 0 },
        { [2, 3], 7 },
        { [1, 3], MultisigKeys.RingSize - 1 },
        { [1, 2, 3], 4 },
    };

    [Theory]
    [MemberData(nameof(SignerSets))]
    public void SignerSet_SignsAClsagThatVerifiesWithTheSingleKeyKeyImage(int[] signers, int realIndex)
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, realIndex, 1_234_567);
        var pseudoOutMask = Ed25519Group.Instance.RandomScalar();

        var signed = Sign(input, signers, pseudoOutMask);

        using var x = _keys.GroupSecret + input.KeyOffset;
        Assert.Equal(KeyImage.Generate(input.OutputKey, x), signed.KeyImage);
        Assert.Equal(PedersenCommitment.Commit(pseudoOutMask, input.Amount), signed.PseudoOut);
        Assert.True(ClsagVerifier.Verify(signed.Signature, input.Ring, signed.KeyImage, signed.PseudoOut, Message));
    }

    [Fact]
    public void DkgKey_Signers12And23_SignWithTheKeyImageOfTheInterpolatedSecret()
    {
        var results = RunEd25519Dkg(2, 3);
        var key = MultisigKeys.ToMonero(results[0].Network.PublicKey);
        var shares = results.ToDictionary(r => (int)r.Network.Share.Identifier.Number, r => MultisigKeys.ToMonero(r.Network.Share, key));
        var input = MultisigKeys.NewInput(key, 11, 2_000_000_000_000);

        var first = Sign(key, shares, input, [1, 2], Ed25519Group.Instance.RandomScalar());
        var second = Sign(key, shares, input, [2, 3], Ed25519Group.Instance.RandomScalar());

        using var groupSecret = InterpolatedSecret([.. results.Take(2).Select(r => r.Network.Share)]);
        using var x = groupSecret + input.KeyOffset;
        Assert.Equal(KeyImage.Generate(input.OutputKey, x), first.KeyImage);
        Assert.Equal(first.KeyImage, second.KeyImage);
        Assert.True(ClsagVerifier.Verify(first.Signature, input.Ring, first.KeyImage, first.PseudoOut, Message));
        Assert.True(ClsagVerifier.Verify(second.Signature, input.Ring, second.KeyImage, second.PseudoOut, Message));
        results.ForEach(r => r.Dispose());
    }

    [Fact]
    public void TwoSignerSets_SpendingOneOutput_AgreeOnTheKeyImage()
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, 3, 10);

        var first = Sign(input, [1, 2], Ed25519Group.Instance.RandomScalar());
        var second = Sign(input, [2, 3], Ed25519Group.Instance.RandomScalar());

        Assert.Equal(first.KeyImage, second.KeyImage);
    }

    [Fact]
    public void WrongKeyImageShare_NamesItsCulprit()
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, 5, 10);
        var preprocesses = Preprocesses(input, [1, 2, 3]).Select(p => p.Participant == 2
            ? p with { KeyImageShare = p.KeyImageShare + Ed25519Group.Instance.Generator }
            : p);

        var error = Assert.Throws<ThresholdClsagException>(() => ClsagSigningSet.Create(_keys.PublicKey, input, preprocesses));

        Assert.Equal(ClsagFault.KeyImageShare, error.Fault);
        Assert.Equal([2], error.Culprits);
    }

    [Fact]
    public void KeyImageShareProvenForAnotherParticipant_NamesItsSender()
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, 5, 10);
        var all = Preprocesses(input, [1, 3]);
        var copied = all[1] with { Participant = 1, Hiding = all[0].Hiding, Binding = all[0].Binding };

        var error = Assert.Throws<ThresholdClsagException>(() => ClsagSigningSet.Create(_keys.PublicKey, input, [copied, all[1]]));

        Assert.Equal(ClsagFault.KeyImageShare, error.Fault);
        Assert.Equal([1], error.Culprits);
    }

    [Fact]
    public void NonceCommittedOnTwoDifferentLogarithms_NamesItsCulprit()
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, 0, 10);
        var preprocesses = Preprocesses(input, [1, 3]).Select(p => p.Participant == 3
            ? p with { Binding = p.Binding with { OnKeyImageGenerator = p.Binding.OnKeyImageGenerator + input.KeyImageGenerator } }
            : p);

        var error = Assert.Throws<ThresholdClsagException>(() => ClsagSigningSet.Create(_keys.PublicKey, input, preprocesses));

        Assert.Equal(ClsagFault.NonceProof, error.Fault);
        Assert.Equal([3], error.Culprits);
    }

    [Fact]
    public void WrongSignatureShare_NamesItsCulprit()
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, 9, 77);
        var signers = Signers(input, [1, 2, 3]);
        var context = ClsagSigningSet.Create(_keys.PublicKey, input, signers.Select(s => s.Preprocess)).Bind(Ed25519Group.Instance.RandomScalar(), Message);
        var shares = signers.Select(s => s.Sign(context)).ToList();
        using var one = Ed25519Group.Instance.ScalarFromInteger(1);
        shares[2] = shares[2] with { Response = shares[2].Response + one };

        var error = Assert.Throws<ThresholdClsagException>(() => context.Aggregate(shares));

        Assert.Equal(ClsagFault.SignatureShare, error.Fault);
        Assert.Equal([3], error.Culprits);
        Assert.True(context.VerifyShare(shares[0]));
        Assert.False(context.VerifyShare(shares[2]));
    }

    [Fact]
    public void SecondSignWithTheSameNonces_IsRefused()
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, 1, 5);
        var signers = Signers(input, [1, 2]);
        var context = ClsagSigningSet.Create(_keys.PublicKey, input, signers.Select(s => s.Preprocess)).Bind(Ed25519Group.Instance.RandomScalar(), Message);
        signers[0].Sign(context);

        var error = Assert.Throws<InvalidOperationException>(() => signers[0].Sign(context));

        Assert.Contains("already used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContextWithoutThisSignersPreprocess_IsRefused()
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, 1, 5);
        var signers = Signers(input, [1, 2, 3]);
        var context = ClsagSigningSet.Create(_keys.PublicKey, input, [signers[1].Preprocess, signers[2].Preprocess]).Bind(Ed25519Group.Instance.RandomScalar(), Message);

        Assert.Throws<ArgumentException>(() => signers[0].Sign(context));
    }

    [Fact]
    public void FewerSignersThanTheThreshold_AreRefused()
    {
        var input = MultisigKeys.NewInput(_keys.PublicKey, 1, 5);

        var error = Assert.Throws<ArgumentException>(() => ClsagSigningSet.Create(_keys.PublicKey, input, Preprocesses(input, [2])));

        Assert.Contains("fewer than the threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputNotOwnedByTheGroupKeyPlusItsOffset_IsRefused()
    {
        var owned = MultisigKeys.NewInput(_keys.PublicKey, 2, 5);
        var other = new MultisigInput(owned.Ring, owned.RealIndex, Ed25519Group.Instance.RandomScalar(), owned.CommitmentMask, owned.Amount);

        var error = Assert.Throws<ArgumentException>(() => ClsagSigningSet.Create(_keys.PublicKey, other, Preprocesses(owned, [1, 2])));

        Assert.Contains("key offset", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _keys.Dispose();

    /// <summary>A whole DKG making an Ed25519 network key, messages passed as objects (their wire form is the DKG's tests' subject).</summary>
    private static List<DkgResult> RunEd25519Dkg(int threshold, int participants)
    {
        var identities = Enumerable.Range(0, participants).Select(_ => IdentityKey.Generate()).ToList();
        var session = new DkgSession("threshold CLSAG test"u8, threshold, [.. identities.Select(i => i.PublicKey)], FrostCiphersuite.Ed25519Sha512);
        var dkg = Enumerable.Range(1, participants).Select(i => new DkgParticipant(session, i, identities[i - 1])).ToList();
        var round1 = dkg.Select(p => p.Start()).ToList();
        var round2 = dkg.Select(p => p.ReceiveRound1(round1)).ToList();
        var results = dkg.Select(p => p.ReceiveRound2(round2)).ToList();
        dkg.ForEach(p => p.Dispose());
        identities.ForEach(i => i.Dispose());
        return results;
    }

    /// <summary>Σ λ_i·x_i over <paramref name="shares"/>: the group secret, which only a test ever assembles.</summary>
    private static Scalar InterpolatedSecret(IReadOnlyList<KeyShare> shares)
    {
        var group = Ed25519Group.Instance;
        var secret = group.ScalarFromInteger(0);
        foreach (var share in shares)
        {
            using var value = group.DeserializeScalar(share.ExportSigningShare());
            using var lambda = Lagrange.Coefficient(share.Identifier, [.. shares.Select(s => s.Identifier)]);
            secret += lambda * value;
        }

        return secret;
    }

    /// <summary>The whole protocol: preprocesses and shares go through bytes, each signer binds its own context.</summary>
    private SignedClsag Sign(MultisigInput input, int[] participants, Scalar pseudoOutMask) =>
        Sign(_keys.PublicKey, _keys.Shares, input, participants, pseudoOutMask);

    private static SignedClsag Sign(MultisigPublicKey key, IReadOnlyDictionary<int, MultisigKeyShare> shares, MultisigInput input, int[] participants, Scalar pseudoOutMask)
    {
        var signers = participants.Select(i => new ThresholdClsagSigner(shares[i], input)).ToList();
        var preprocessBytes = signers.Select(s => s.Preprocess.Serialize()).ToList();
        var shareBytes = signers.Select(signer => ClsagSigningSet
            .Create(key, input, preprocessBytes.Select(b => ClsagPreprocess.Deserialize(b)))
            .Bind(pseudoOutMask, Message) is var context ? signer.Sign(context).Serialize() : []).ToList();

        var aggregator = ClsagSigningSet.Create(key, input, preprocessBytes.Select(b => ClsagPreprocess.Deserialize(b))).Bind(pseudoOutMask, Message);
        return aggregator.Aggregate(shareBytes.Select(b => ClsagShare.Deserialize(b)));
    }

    private List<ThresholdClsagSigner> Signers(MultisigInput input, int[] participants) =>
        [.. participants.Select(i => new ThresholdClsagSigner(_keys.Shares[i], input))];

    private List<ClsagPreprocess> Preprocesses(MultisigInput input, int[] participants) => [.. Signers(input, participants).Select(s => s.Preprocess)];
}
