using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;
using Processor.Messaging.Envelopes;
using Processor.Networks;
using Processor.Networks.Plugins.Bitcoin;
using Processor.Networks.Plugins.Monero;
using Processor.Testing;

namespace Processor.Signer.Tests.Signing;

/// <summary>
/// The signing handlers of several validators in-process, each on its own schema with its own participant's keys of one
/// session, and the test relaying between them as a coordinator does.
/// </summary>
internal sealed class SigningValidators : IAsyncDisposable
{
    private readonly List<HandlerTestBed> _beds;

    private SigningValidators(DealtSessionKeys keys, List<HandlerTestBed> beds)
    {
        Keys = keys;
        _beds = beds;
    }

    public DealtSessionKeys Keys { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Participants 1..<paramref name="participants"/> of session 1 with threshold <paramref name="threshold"/>, configured for
    /// <paramref name="network"/> (its key on that plug-in's curve).
    /// </summary>
    public static async Task<SigningValidators> StartAsync(int threshold = 2, int participants = 3, string network = BitcoinPlugin.Name)
    {
        var curve = network == MoneroPlugin.Name ? NetworkCurve.Ed25519 : NetworkCurve.Secp256k1;
        var keys = new DealtSessionKeys(session: 1, threshold, participants, curve);
        var beds = new List<HandlerTestBed>();
        for (var participant = 1; participant <= participants; participant++)
        {
            var store = keys.StoreOf(participant);
            beds.Add(await HandlerTestBed.StartAsync(
                builder =>
                {
                    var messaging = builder.AddServiceMessaging(ServiceCatalog.Signer).AddMigrationsFrom(typeof(SigningRegistration).Assembly);
                    builder.Services.AddConfiguredNetworkSigning(messaging.Topics!.Network);
                    builder.Services.AddSingleton(store);
                    messaging.AddSigning();
                },
                new Dictionary<string, string?>
                {
                    ["Processor:Network"] = network,
                },
                Cancel));
        }

        return new SigningValidators(keys, beds);
    }

    /// <summary>Validator <paramref name="participant"/>'s bed (its schema, services, restart).</summary>
    public HandlerTestBed Bed(int participant) => _beds[participant - 1];

    /// <summary>Delivers <paramref name="message"/> to <paramref name="participant"/> (as <paramref name="eventId"/> to redeliver one).</summary>
    public Task<HandlerInvocation> DeliverAsync(int participant, IMessage message, Guid? eventId = null) =>
        Bed(participant).DeliverAsync(message, Cancel, eventId);

    /// <summary>The events of <paramref name="invocation"/> of type <typeparamref name="T"/>.</summary>
    public static List<T> Emitted<T>(HandlerInvocation invocation, MessageParser<T> parser)
        where T : IMessage<T>, new() =>
        [.. HandlerTestBed.Emitted(invocation, parser).Where(e => e.EventType == new T().Descriptor.FullName).Select(e => e.Message)];

    /// <summary>Delivers the request to every validator; each answers with one SignPreprocess.</summary>
    public async Task<Dictionary<int, SignPreprocess>> RequestAsync(IMessage request)
    {
        var preprocesses = new Dictionary<int, SignPreprocess>();
        for (var participant = 1; participant <= _beds.Count; participant++)
        {
            preprocesses[participant] = Assert.Single(Emitted(await DeliverAsync(participant, request), SignPreprocess.Parser));
        }

        return preprocesses;
    }

    /// <summary>What the coordinator sends <paramref name="to"/>: the other signers' preprocesses.</summary>
    public static SignPeerPreprocesses PeerPreprocesses(SignId id, int to, IEnumerable<SignPreprocess> signers)
    {
        var message = new SignPeerPreprocesses { Id = id };
        message.Preprocesses.AddRange(signers.Where(p => p.Participant != to).Select(p => Data(p.Participant, p.Preprocesses)));
        return message;
    }

    /// <summary>What the coordinator sends <paramref name="to"/>: the other signers' shares.</summary>
    public static SignPeerShares PeerShares(SignId id, int to, IEnumerable<SignShare> signers)
    {
        var message = new SignPeerShares { Id = id };
        message.Shares.AddRange(signers.Where(s => s.Participant != to).Select(s => Data(s.Participant, s.Shares)));
        return message;
    }

    /// <summary>Relays the preprocesses of <paramref name="signers"/> to each of them; returns each one's SignShare.</summary>
    public async Task<Dictionary<int, SignShare>> RelayPreprocessesAsync(SignId id, IReadOnlyDictionary<int, SignPreprocess> preprocesses, int[] signers)
    {
        var shares = new Dictionary<int, SignShare>();
        foreach (var participant in signers)
        {
            var invocation = await DeliverAsync(participant, PeerPreprocesses(id, participant, signers.Select(s => preprocesses[s])));
            shares[participant] = Assert.Single(Emitted(invocation, SignShare.Parser));
        }

        return shares;
    }

    /// <summary>Relays the shares of <paramref name="signers"/> to each of them; returns what each emitted.</summary>
    public async Task<Dictionary<int, HandlerInvocation>> RelaySharesAsync(SignId id, IReadOnlyDictionary<int, SignShare> shares, int[] signers)
    {
        var completions = new Dictionary<int, HandlerInvocation>();
        foreach (var participant in signers)
        {
            completions[participant] = await DeliverAsync(participant, PeerShares(id, participant, signers.Select(s => shares[s])));
        }

        return completions;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bed in _beds)
        {
            await bed.DisposeAsync();
        }
    }

    private static ParticipantSigningData Data(uint participant, IEnumerable<ByteString> items)
    {
        var data = new ParticipantSigningData { Participant = participant };
        data.Data.AddRange(items);
        return data;
    }
}
