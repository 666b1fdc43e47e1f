using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using Processor.Testing;
using static Processor.CoordinatorSimulator.Tests.Ceremonies;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>
/// The simulator over the embedded broker, with this test playing the three processors: it publishes their events as their
/// outbox relays would and reads each validator's command topic as its processor would.
/// </summary>
public sealed class KafkaRelayTests
{
    [Fact]
    public async Task KeyGeneration_RelaysEveryRoundThroughEachNamespace_AndConfirmsThePair()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Options();
        var topics = options.Validators.Select(v => Topics.For(options.Network, v.Namespace)).ToList();
        await using var simulator = await InProcessSimulator.StartAsync(options, KafkaBroker.Provisioner, NullLoggerFactory.Instance, TimeProvider.System, ct);

        var keyGeneration = simulator.Simulation.RunKeyGenerationAsync(7, ct);
        for (var v = 1; v <= 3; v++)
        {
            var generateKey = Assert.IsType<GenerateKey>(Assert.Single(await CommandRecords.ReadAtLeastAsync(topics[v - 1].CoordinatorCommands, 1)).Message);
            Assert.Equal((uint)v, generateKey.OurParticipant);
        }

        var commitmentIds = new List<string>();
        for (var v = 1; v <= 3; v++)
        {
            commitmentIds.Add((await EventProducer.PublishAsync(topics[v - 1].ProcessorEvents, options.Network, Commitments(v), ct)).ToString());
        }

        for (var v = 1; v <= 3; v++)
        {
            var relayed = (await CommandRecords.ReadAtLeastAsync(topics[v - 1].CoordinatorCommands, 2))[1];
            Assert.Equal(2, Assert.IsType<KeyGenPeerCommitments>(relayed.Message).Commitments.Count);
            // Caused by whichever commitment completed the round (the three topics are consumed side by side).
            Assert.Contains(relayed.Headers[MessageHeaders.CausationId], commitmentIds);
            Assert.Equal(KeyGenPeerCommitments.Descriptor.FullName, relayed.Headers[MessageHeaders.EventType]);
            Assert.Equal(MessageHeaders.ProtobufContentType, relayed.Headers[MessageHeaders.ContentType]);
            Assert.True(Guid.TryParse(relayed.Headers[MessageHeaders.EventId], out _));
            Assert.Equal(options.Network, relayed.Key);
        }

        for (var v = 1; v <= 3; v++)
        {
            await EventProducer.PublishAsync(topics[v - 1].ProcessorEvents, options.Network, Shares(v, 3), ct);
        }

        for (var v = 1; v <= 3; v++)
        {
            var shares = Assert.IsType<KeyGenPeerShares>((await CommandRecords.ReadAtLeastAsync(topics[v - 1].CoordinatorCommands, 3))[2].Message);
            Assert.All(shares.Shares, s => Assert.Equal((uint)v, s.Recipient));
            await EventProducer.PublishAsync(topics[v - 1].ProcessorEvents, options.Network, Generated(Pair), ct);
        }

        var keys = await keyGeneration;
        Assert.Equal(Pair, keys.KeyPair);
        for (var v = 1; v <= 3; v++)
        {
            var confirmation = Assert.IsType<ConfirmKeyPair>((await CommandRecords.ReadAtLeastAsync(topics[v - 1].CoordinatorCommands, 4))[3].Message);
            Assert.Equal((7u, Pair), (confirmation.Session, confirmation.KeyPair));
            Assert.NotNull(confirmation.SeraiTime);
            Assert.True(confirmation.LatestFinalizedExternalBlock.IsEmpty);
        }
    }

    [Fact]
    public async Task SilentSigner_IsReplacedOnTheReattemptAfterTheTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Options();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var topics = options.Validators.Select(v => Topics.For(options.Network, v.Namespace)).ToList();
        await using var simulator = await InProcessSimulator.StartAsync(options, KafkaBroker.Provisioner, NullLoggerFactory.Instance, clock, ct);
        await GenerateKeysAsync(simulator.Simulation, topics, options.Network);
        var reattempted = new TaskCompletionSource<SimulatorNote>(TaskCreationOptions.RunContinuationsAsynchronously);
        simulator.Simulation.Noted += (_, note) =>
        {
            if (note.Kind == SimulatorNoteKind.SigningReattempted)
            {
                reattempted.TrySetResult(note);
            }
        };

        await EventProducer.PublishAsync(topics[1].ProcessorEvents, options.Network, Preprocess(2), ct);
        await EventProducer.PublishAsync(topics[0].ProcessorEvents, options.Network, Preprocess(1), ct);
        Assert.IsType<SignPeerPreprocesses>((await CommandRecords.ReadAtLeastAsync(topics[0].CoordinatorCommands, 5))[4].Message);
        await EventProducer.PublishAsync(topics[0].ProcessorEvents, options.Network, Share(1), ct);
        await WaitForStateAsync(simulator.Simulation, s => s.Signings.Any(x => x.SharesFrom.Contains(1)));
        clock.Advance(options.SigningTimeout);
        await reattempted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        for (var v = 1; v <= 3; v++)
        {
            var reattempt = Assert.IsType<SignReattempt>((await CommandRecords.ReadAtLeastAsync(topics[v - 1].CoordinatorCommands, v == 3 ? 5 : 6))[^1].Message);
            Assert.Equal(1u, reattempt.Id.Attempt);
        }

        await EventProducer.PublishAsync(topics[1].ProcessorEvents, options.Network, Preprocess(2, attempt: 1), ct);
        await EventProducer.PublishAsync(topics[0].ProcessorEvents, options.Network, Preprocess(1, attempt: 1), ct);
        await EventProducer.PublishAsync(topics[2].ProcessorEvents, options.Network, Preprocess(3, attempt: 1), ct);
        var toThree = Assert.IsType<SignPeerPreprocesses>((await CommandRecords.ReadAtLeastAsync(topics[2].CoordinatorCommands, 6))[5].Message);
        Assert.Equal([1u], toThree.Preprocesses.Select(p => p.Participant));
        Assert.Equal(6, (await CommandRecords.ReadAtLeastAsync(topics[1].CoordinatorCommands, 6)).Count);
    }

    [Fact]
    public async Task SignedBatchesFromSeveralValidators_AreIncludedOnce_AndAcknowledgedToEveryValidator()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Options();
        var topics = options.Validators.Select(v => Topics.For(options.Network, v.Namespace)).ToList();
        await using var simulator = await InProcessSimulator.StartAsync(options, KafkaBroker.Provisioner, NullLoggerFactory.Instance, TimeProvider.System, ct);
        var pair = new KeyPair { SubstrateKey = SignatureVectors.PublicKey("validator-set-0__empty"), NetworkKey = Pair.NetworkKey };
        await GenerateKeysAsync(simulator.Simulation, topics, options.Network, pair);
        var notes = new List<SimulatorNote>();
        simulator.Simulation.Noted += (_, note) =>
        {
            lock (notes)
            {
                notes.Add(note);
            }
        };

        var forged = SignatureVectors.SignedBatch("validator-set-0__one_transfer");
        forged.Signature = ByteString.CopyFrom(new byte[64]);
        await EventProducer.PublishAsync(topics[2].ProcessorEvents, options.Network, forged, ct);
        await EventProducer.PublishAsync(topics[0].ProcessorEvents, options.Network, SignatureVectors.SignedBatch("validator-set-0__empty"), ct);
        await EventProducer.PublishAsync(topics[1].ProcessorEvents, options.Network, SignatureVectors.SignedBatch("validator-set-0__empty"), ct);
        var block = await simulator.Simulation.WaitForBatchAsync(0, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        for (var v = 1; v <= 3; v++)
        {
            var acknowledgement = Assert.IsType<SubstrateBlock>((await CommandRecords.ReadAtLeastAsync(topics[v - 1].CoordinatorCommands, 5))[4].Message);
            Assert.Equal((block.Number, block.Hash), (acknowledgement.SeraiBlockNumber, acknowledgement.SeraiBlockHash));
            Assert.Equal([0u], acknowledgement.BatchIds);
            Assert.Equal(SignatureVectors.SignedBatch("validator-set-0__empty").Batch.ExternalBlockHash, acknowledgement.LatestFinalizedExternalBlock);
        }

        var state = await simulator.Simulation.StateAsync(ct);
        Assert.Single(state.Blocks.SelectMany(b => b.BatchIds));
        Assert.Contains(state.Notes, n => n.Kind == SimulatorNoteKind.BatchRejected && n.Text.Contains("signature does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BurnsBeforeAnyKeys_GoIntoASeraiBlock_SentToEveryValidator_RequiringNoExternalBlock()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Options();
        var topics = options.Validators.Select(v => Topics.For(options.Network, v.Namespace)).ToList();
        await using var simulator = await InProcessSimulator.StartAsync(options, KafkaBroker.Provisioner, NullLoggerFactory.Instance, TimeProvider.System, ct);
        var burn = new Burn { Coin = Coin.Bitcoin, Amount = 100_000, Destination = Bytes(34, 0x51) };

        var block = await simulator.Simulation.BurnAsync([burn], ct);

        for (var v = 1; v <= 3; v++)
        {
            var announced = Assert.IsType<SubstrateBlock>(Assert.Single(await CommandRecords.ReadAtLeastAsync(topics[v - 1].CoordinatorCommands, 1)).Message);
            Assert.Equal(block.Number, announced.SeraiBlockNumber);
            Assert.Equal([burn], announced.Burns);
            Assert.Empty(announced.BatchIds);
            Assert.True(announced.LatestFinalizedExternalBlock.IsEmpty);
        }
    }

    private static SimulatorOptions Options()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        return new SimulatorOptions
        {
            Network = "bitcoin",
            BootstrapServers = KafkaBroker.BootstrapServers,
            Threshold = 2,
            Validators = [.. Enumerable.Range(1, 3).Select(v => new ValidatorOptions
            {
                Namespace = $"sim-{run}-{v}",
                IdentityKey = Convert.ToHexStringLower(Bytes(32, (byte)v).Span),
            })],
        };
    }

    // Plays the three processors through key generation (4 commands each: GenerateKey, peer commitments, peer shares, ConfirmKeyPair).
    private static async Task GenerateKeysAsync(CoordinatorSimulation simulation, List<NetworkTopics> topics, string network, KeyPair? pair = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var keyGeneration = simulation.RunKeyGenerationAsync(7, ct);
        await CommandRecords.ReadAtLeastAsync(topics[2].CoordinatorCommands, 1);
        for (var v = 1; v <= 3; v++)
        {
            await EventProducer.PublishAsync(topics[v - 1].ProcessorEvents, network, Commitments(v), ct);
        }

        await CommandRecords.ReadAtLeastAsync(topics[2].CoordinatorCommands, 2);
        for (var v = 1; v <= 3; v++)
        {
            await EventProducer.PublishAsync(topics[v - 1].ProcessorEvents, network, Shares(v, 3), ct);
        }

        await CommandRecords.ReadAtLeastAsync(topics[2].CoordinatorCommands, 3);
        for (var v = 1; v <= 3; v++)
        {
            await EventProducer.PublishAsync(topics[v - 1].ProcessorEvents, network, Generated(pair ?? Pair), ct);
        }

        await keyGeneration;
    }

    private static async Task WaitForStateAsync(CoordinatorSimulation simulation, Func<SimulatorState, bool> condition)
    {
        for (var i = 0; i < 300 && !condition(await simulation.StateAsync(TestContext.Current.CancellationToken)); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
