using System.Text.Json;
using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Testing;

namespace Processor.Crypto.Threshold.Tests.Dkg;

/// <summary>
/// Zcash Foundation's frost-secp256k1-tr DKG vectors (<c>vectors_dkg.json</c>): for each participant, the others' round-1
/// packages verify, the shares it received check against their commitments, and key assembly followed by ZF's
/// <c>post_dkg</c> taproot tweak gives the vector's signing share, verifying shares and verifying key.
/// </summary>
public sealed class ZfDkgVectorTests
{
    private const string File = "frost-zf-secp256k1-tr/vectors_dkg.json";
    private static readonly FrostCiphersuite Suite = FrostCiphersuite.Secp256k1Taproot;
    private static readonly Secp256k1Group Curve = Secp256k1Group.Instance;

    public static TheoryData<int> Participants() => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Participants))]
    public void Participant_ReproducesTheVectorKeyPackage(int participant)
    {
        var vector = Vector.Load();
        var self = Identifier.FromIndex(Curve, participant);

        // Round 1: every other dealer's commitments and proof of knowledge (ZF challenge: empty context).
        foreach (var (id, data) in vector.Participants.Where(p => p.Key != self))
        {
            Assert.True(data.Dealing.IsValid(Suite, id, vector.Threshold, []), $"dealing of {id}");
        }

        // Own dealing from the vector's coefficients: the shares it gives the others are the ones they list as received.
        var own = vector.Participants[self];
        using var polynomial = Polynomial.FromCoefficients([own.Secret, own.Coefficient]);
        Assert.Equal(own.Dealing.Commitments, polynomial.Commitments());
        foreach (var (id, data) in vector.Participants.Where(p => p.Key != self))
        {
            using var share = polynomial.Evaluate(id);
            Assert.Equal(data.ReceivedShares[self].Serialize(), share.Serialize());
        }

        // Round 2: received shares check against their dealers' commitments; assembly; ZF post_dkg tweak.
        using var ownShare = polynomial.Evaluate(self);
        foreach (var (sender, share) in own.ReceivedShares)
        {
            Assert.True(vector.Participants[sender].Dealing.VerifiesShare(self, share), $"share from {sender}");
        }

        using var key = CurveKey.Assemble(
            self, vector.Participants.ToDictionary(p => p.Key, p => p.Value.Dealing), [ownShare, .. own.ReceivedShares.Values]);
        var tweak = ZfPostDkgTweak(key.PublicKey.GroupPublicKey);
        Assert.Equal(vector.VerifyingKey, tweak.Point(key.PublicKey.GroupPublicKey));
        var signingShare = Curve.DeserializeScalar(key.Share.ExportSigningShare());
        using var tweakedShare = tweak.Scalar(signingShare);
        Assert.Equal(own.SigningShare, tweakedShare.Serialize());
        foreach (var (id, data) in vector.Participants)
        {
            Assert.Equal(data.VerifyingShare, tweak.Point(key.PublicKey.VerifyingShares[id]));
        }
    }

    [Fact]
    public void TamperedVectorProof_FailsAndNamesNoOtherDealer()
    {
        var vector = Vector.Load();
        var id = Identifier.FromIndex(Curve, 2);
        var dealing = vector.Participants[id].Dealing;
        var other = Identifier.FromIndex(Curve, 3);

        Assert.False(dealing.IsValid(Suite, other, vector.Threshold, []), "a proof is bound to its dealer's identifier");
        Assert.False(dealing.IsValid(Suite, id, vector.Threshold, [1]), "a proof is bound to its context");
        Assert.False(dealing.IsValid(Suite, id, vector.Threshold + 1, []), "the commitment count must be the threshold");
    }

    /// <summary>
    /// ZF's <c>post_dkg</c> for taproot: <c>s ↦ ±s + t</c>, <c>Y ↦ ±Y + t·G</c> with ± = − iff the group key P has odd Y and
    /// <c>t = hash_TapTweak(x(P))</c> (BIP341 without a script path); no final even-Y step.
    /// </summary>
    private static AffineTweak ZfPostDkgTweak(Point groupKey) =>
        new(Curve.HasOddY(groupKey), Curve.DeserializeScalar(Taproot.Tweak(Curve.XOnly(groupKey))));

    private sealed record AffineTweak(bool Negate, Scalar Addend)
    {
        public Point Point(Point p) => (Negate ? -p : p) + Curve.MultiplyGenerator(Addend);

        public Scalar Scalar(Scalar s)
        {
            using var signed = Negate ? -s : s.Copy();
            return signed + Addend;
        }
    }

    private sealed record ParticipantData(
        Scalar Secret, Scalar Coefficient, Dealing Dealing, Dictionary<Identifier, Scalar> ReceivedShares, Point VerifyingShare, byte[] SigningShare);

    private sealed record Vector(int Threshold, Point VerifyingKey, Dictionary<Identifier, ParticipantData> Participants)
    {
        public static Vector Load()
        {
            var root = RepositoryPaths.VectorJson(File);
            var config = root.GetProperty("config");
            var inputs = root.GetProperty("inputs");
            var threshold = config.GetProperty("MIN_PARTICIPANTS").GetInt32();
            var participants = new Dictionary<Identifier, ParticipantData>();
            foreach (var entry in inputs.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Object))
            {
                var data = entry.Value;
                var id = Identifier.FromIndex(Curve, data.GetProperty("identifier").GetInt32());
                var commitments = data.GetProperty("vss_commitments").EnumerateArray().Select(c => Curve.DeserializeElement(Hex(c))).ToList();

                // ZF serializes the proof like a BIP340 signature: x-only R (even Y) ‖ μ.
                var proof = Hex(data.GetProperty("proof_of_knowledge"));
                var dealing = new Dealing(commitments, ProofOfKnowledge.Deserialize(Curve, [0x02, .. proof]));
                var received = data.GetProperty("signing_shares").EnumerateObject().ToDictionary(
                    s => Identifier.FromIndex(Curve, int.Parse(s.Name, System.Globalization.CultureInfo.InvariantCulture)),
                    s => Curve.DeserializeScalar(Hex(s.Value)));
                participants[id] = new ParticipantData(
                    Curve.DeserializeScalar(Hex(data.GetProperty("signing_key"))),
                    Curve.DeserializeScalar(Hex(data.GetProperty("coefficient"))),
                    dealing,
                    received,
                    Curve.DeserializeElement(Hex(data.GetProperty("verifying_share"))),
                    Hex(data.GetProperty("signing_share")));
            }

            return new Vector(threshold, Curve.DeserializeElement(Hex(inputs.GetProperty("verifying_key"))), participants);
        }

        private static byte[] Hex(JsonElement element) => Convert.FromHexString(element.GetString()!);
    }
}
