using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;
using ContractParticipant = Processor.Contracts.Coordinator.V1.DkgParticipant;

namespace Processor.Signer.Tests.Support;

/// <summary>
/// The test as the coordinator: starts an attempt at the given validators (participant i is the i-th) and relays each
/// round's messages to the others, as a coordinator does. Each step returns what every participant emitted.
/// </summary>
internal sealed class KeyGenRelay(IReadOnlyList<ValidatorSigner> validators, uint session, uint attempt, uint threshold)
{
    public IReadOnlyList<ValidatorSigner> Validators => validators;

    public uint Session => session;

    public uint Attempt => attempt;

    public GenerateKey GenerateKeyFor(int participant)
    {
        var command = new GenerateKey
        {
            Session = session, Attempt = attempt, Threshold = threshold, ParticipantCount = (uint)validators.Count, OurParticipant = (uint)participant,
        };
        command.Participants.AddRange(validators.Select((v, i) => new ContractParticipant { Participant = (uint)(i + 1), IdentityKey = ByteString.CopyFrom(v.IdentityKey) }));
        return command;
    }

    /// <summary>Round 0: GenerateKey at everyone; their commitments by participant.</summary>
    public async Task<Dictionary<int, KeyGenCommitments>> StartAsync()
    {
        var commitments = new Dictionary<int, KeyGenCommitments>();
        for (var i = 1; i <= validators.Count; i++)
        {
            commitments[i] = Single(await validators[i - 1].DeliverAsync(GenerateKeyFor(i)), KeyGenCommitments.Parser);
        }

        return commitments;
    }

    public KeyGenPeerCommitments PeerCommitmentsFor(int participant, IReadOnlyDictionary<int, KeyGenCommitments> commitments)
    {
        var command = new KeyGenPeerCommitments { Session = session, Attempt = attempt };
        command.Commitments.AddRange(commitments.Where(p => p.Key != participant).OrderBy(p => p.Key).Select(p => p.Value.Commitments.Clone()));
        return command;
    }

    /// <summary>Round 1: everyone's shares by participant (each must emit KeyGenShares).</summary>
    public async Task<Dictionary<int, KeyGenShares>> RelayCommitmentsAsync(IReadOnlyDictionary<int, KeyGenCommitments> commitments)
    {
        var shares = new Dictionary<int, KeyGenShares>();
        for (var i = 1; i <= validators.Count; i++)
        {
            shares[i] = Single(await validators[i - 1].DeliverAsync(PeerCommitmentsFor(i, commitments)), KeyGenShares.Parser);
        }

        return shares;
    }

    public KeyGenPeerShares PeerSharesFor(int participant, IReadOnlyDictionary<int, KeyGenShares> shares)
    {
        var command = new KeyGenPeerShares { Session = session, Attempt = attempt };
        command.Shares.AddRange(shares.Where(p => p.Key != participant).OrderBy(p => p.Key).SelectMany(p => p.Value.Shares).Where(s => s.Recipient == participant).Select(s => s.Clone()));
        return command;
    }

    /// <summary>Round 2: what each participant emitted on receiving its shares.</summary>
    public async Task<Dictionary<int, HandlerInvocation>> RelaySharesAsync(IReadOnlyDictionary<int, KeyGenShares> shares)
    {
        var results = new Dictionary<int, HandlerInvocation>();
        for (var i = 1; i <= validators.Count; i++)
        {
            results[i] = await validators[i - 1].DeliverAsync(PeerSharesFor(i, shares));
        }

        return results;
    }

    /// <summary>The whole ceremony without faults: each participant's GeneratedKeyPair.</summary>
    public async Task<Dictionary<int, GeneratedKeyPair>> RunAsync()
    {
        var results = await RelaySharesAsync(await RelayCommitmentsAsync(await StartAsync()));
        return results.ToDictionary(p => p.Key, p => Single(p.Value, GeneratedKeyPair.Parser));
    }

    /// <summary>The events of type <typeparamref name="T"/> an invocation emitted.</summary>
    public static IReadOnlyList<T> All<T>(HandlerInvocation invocation, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var descriptor = parser.ParseFrom(ByteString.Empty).Descriptor;
        return [.. invocation.Emitted.Where(row => row.EventType == descriptor.FullName).Select(row => parser.ParseFrom(row.Payload))];
    }

    /// <summary>The one event of type <typeparamref name="T"/> an invocation emitted (fails otherwise).</summary>
    public static T Single<T>(HandlerInvocation invocation, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var all = All(invocation, parser);
        Assert.True(all.Count == 1, $"expected one {typeof(T).Name}, got [{string.Join(", ", invocation.Emitted.Select(e => e.EventType))}]");
        return all[0];
    }
}
