using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Signer.V1;
using Processor.Reporter;
using Processor.Scheduler;
using Processor.Testing;

namespace Processor.KeyBook.Tests;

/// <summary>The services that keep a key book, registered as their Programs register them, and key events to feed them.</summary>
internal static class KeyBookServices
{
    public static TheoryData<string> Names => ["reporter", "scheduler"];

    /// <summary>A handler bed of the service <paramref name="name"/> on a fresh schema.</summary>
    public static Task<HandlerTestBed> StartAsync(string name) => HandlerTestBed.StartAsync(
        name switch
        {
            "reporter" => builder => builder.AddReporter(),
            "scheduler" => builder => builder.AddScheduler(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a service with a key book"),
        },
        new Dictionary<string, string?> { ["Processor:Network"] = "bitcoin" },
        TestContext.Current.CancellationToken);

    public static async Task<IReadOnlyList<KnownKey>> KeysAsync(HandlerTestBed bed)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await bed.Services.GetRequiredService<KeyBookStore>().ListAsync(connection, TestContext.Current.CancellationToken);
    }

    public static KeyPair NewKeyPair(byte seed) => new()
    {
        SubstrateKey = ByteString.CopyFrom(Enumerable.Repeat(seed, 32).ToArray()),
        NetworkKey = ByteString.CopyFrom(Enumerable.Repeat((byte)(seed + 1), 32).ToArray()),
    };

    public static KeyGenerated Generated(uint session, KeyPair pair, uint threshold = 2, uint participants = 3) => new()
    {
        Network = NetworkId.Bitcoin,
        Session = session,
        KeyPair = pair,
        Threshold = threshold,
        ParticipantCount = participants,
    };

    public static KeyActivated Activated(uint session, KeyPair pair, DateTimeOffset time, ulong? block = null)
    {
        var message = new KeyActivated
        {
            Network = NetworkId.Bitcoin,
            Session = session,
            KeyPair = pair,
            ActivationTime = Timestamp.FromDateTimeOffset(time),
        };
        if (block is { } height)
        {
            message.ActivationBlockNumber = height;
        }

        return message;
    }
}
