using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Networks;
using Processor.Signer.Keys;

namespace Processor.Signer.SelfTest;

/// <summary>
/// Before the signer takes part in any ceremony, it runs one in memory with throw-away keys: a 2-of-3 key generation
/// producing both keys, then a Batch signature (sr25519) and a network signature with a key offset, each checked. A
/// signer whose threshold code does not produce valid signatures on this machine refuses to start instead of blaming
/// honest peers later. It also compiles the ceremony code paths while nothing waits on them: the first key generation
/// a coordinator starts does not pay for it, in every signer at once.
/// </summary>
public sealed partial class ThresholdSelfTest(INetworkKeyForm networkKeyForm, ILogger<ThresholdSelfTest> logger) : IHostedService
{
    private const int Participants = 3;
    private const int Threshold = 2;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Run(NetworkKeySuites.Of(networkKeyForm.Curve));
        LogPassed(logger, networkKeyForm.Curve, clock.Elapsed.TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs the ceremony and both signatures.</summary>
    /// <exception cref="InvalidOperationException">A step did not produce what the protocol promises.</exception>
    public static void Run(FrostCiphersuite networkSuite)
    {
        ArgumentNullException.ThrowIfNull(networkSuite);
        var identities = Enumerable.Range(0, Participants).Select(_ => IdentityKey.Generate()).ToList();
        var participants = new List<DkgParticipant>();
        var results = new List<DkgResult>();
        try
        {
            var session = new DkgSession("processor signer self-test"u8, Threshold, [.. identities.Select(i => i.PublicKey)], networkSuite);
            participants.AddRange(identities.Select((identity, i) => new DkgParticipant(session, i + 1, identity)));
            var round1 = participants.Select(p => Round1Message.Deserialize(session, p.Start().Serialize())).ToList();
            var round2 = participants.Select(p => Round2Message.Deserialize(session, p.ReceiveRound1(round1).Serialize())).ToList();
            results.AddRange(participants.Select(p => p.ReceiveRound2(round2)));
            if (results.Select(r => r.Ristretto255.PublicKey.GroupPublicKey).Distinct().Count() != 1
                || results.Select(r => r.Network.PublicKey.GroupPublicKey).Distinct().Count() != 1)
            {
                throw new InvalidOperationException("Threshold self-test: the participants of one key generation made different keys.");
            }

            Sign(FrostCiphersuite.Sr25519, [.. results.Take(Threshold).Select(r => r.Ristretto255)], null);
            using var offset = networkSuite.Group.ScalarFromInteger(Participants);
            Sign(networkSuite, [.. results.Skip(1).Select(r => r.Network)], new KeyOffset(offset));
        }
        finally
        {
            results.ForEach(r => r.Dispose());
            participants.ForEach(p => p.Dispose());
            identities.ForEach(i => i.Dispose());
        }
    }

    // Aggregate checks the signature against the (offset) group key and names any signer whose share is wrong.
    private static void Sign(FrostCiphersuite suite, IReadOnlyList<CurveKey> signers, KeyOffset? offset)
    {
        var message = "processor signer self-test message"u8.ToArray();
        var nonces = signers.Select(k => suite.CommitAsync(k.Share, (_, _) => Task.CompletedTask, CancellationToken.None).GetAwaiter().GetResult()).ToList();
        try
        {
            var package = new SigningPackage(nonces.Select(n => n.Commitments), message, offset);
            var shares = signers.Select((k, i) => suite.Sign(package, nonces[i], k.Share)).ToList();
            _ = suite.Aggregate(package, shares, signers[0].PublicKey);
        }
        finally
        {
            nonces.ForEach(n => n.Dispose());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Threshold self-test passed (2-of-3 key generation, sr25519 and {Curve} signatures) in {Milliseconds:0} ms")]
    private static partial void LogPassed(ILogger logger, NetworkCurve curve, double milliseconds);
}
