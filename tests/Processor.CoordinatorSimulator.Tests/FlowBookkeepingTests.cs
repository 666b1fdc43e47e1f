using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using static Processor.CoordinatorSimulator.Tests.Ceremonies;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>
/// The simulator's side of the whole flow, with this test playing three processors through <see cref="CoordinatorSimulation.HandleAsync"/>
/// and reading the commands it sends: which external block a <c>SubstrateBlock</c> requires, who gets it, and the processors'
/// reports (acknowledgements, plans, dropped payments, rejected instructions) kept per validator.
/// </summary>
public sealed class FlowBookkeepingTests
{
    private static readonly Burn OneBurn = new() { Coin = Coin.Bitcoin, Amount = 100_000, Destination = Bytes(21, 0x00) };

    [Fact]
    public async Task SubstrateBlocks_RequireTheExternalBlockOfTheLastExecutedBatch_NoneBeforeTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var sender = new RecordingSender();
        using var simulation = Simulation(sender, TimeProvider.System);
        var pair = new KeyPair { SubstrateKey = SignatureVectors.PublicKey("validator-set-0__empty"), NetworkKey = Pair.NetworkKey };
        await GenerateKeysAsync(simulation, [1, 2, 3], attempt: 0, pair);

        await simulation.BurnAsync([OneBurn], ct);
        var batch = SignatureVectors.SignedBatch("validator-set-0__empty");
        await simulation.HandleAsync(new ProcessorEventRecord(2, Guid.NewGuid(), batch), ct);
        await simulation.BurnAsync([OneBurn], ct);

        var announced = sender.SubstrateBlocks(1);
        Assert.Equal([2ul, 3, 4], announced.Select(b => b.SeraiBlockNumber)); // block 1 set the keys
        Assert.True(announced[0].LatestFinalizedExternalBlock.IsEmpty);
        Assert.Equal([0u], announced[1].BatchIds);
        Assert.Equal(batch.Batch.ExternalBlockHash, announced[1].LatestFinalizedExternalBlock);
        Assert.Equal(batch.Batch.ExternalBlockHash, announced[2].LatestFinalizedExternalBlock);
        var state = await simulation.StateAsync(ct);
        Assert.Equal(Convert.ToHexStringLower(batch.Batch.ExternalBlockHash.Span), state.Blocks[^1].LatestFinalizedExternalBlock);
    }

    [Fact]
    public async Task ValidatorLeftOutOfKeyGeneration_GetsNoSubstrateBlock()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sender = new RecordingSender();
        using var simulation = Simulation(sender, clock);
        var keyGeneration = simulation.RunKeyGenerationAsync(7, ct);
        await simulation.HandleAsync(new ProcessorEventRecord(1, Guid.NewGuid(), Commitments(1)), ct);
        await simulation.HandleAsync(new ProcessorEventRecord(2, Guid.NewGuid(), Commitments(2)), ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        await simulation.WaitForAsync(s => s.KeyGenerations.SingleOrDefault(k => k.Attempt == 1), ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await GenerateKeysAsync(simulation, [1, 2], attempt: 1, Pair);
        Assert.Equal([1, 2], (await keyGeneration).Participants.Keys.Order());

        await simulation.BurnAsync([OneBurn], ct);

        Assert.Single(sender.SubstrateBlocks(1));
        Assert.Single(sender.SubstrateBlocks(2));
        Assert.Empty(sender.SubstrateBlocks(3));
        Assert.Equal([1, 2], (await simulation.StateAsync(ct)).Blocks[^1].SentTo);
    }

    [Fact]
    public async Task ProcessorReports_AreKeptPerValidator_AndAWaiterSeesThePlanComplete()
    {
        var ct = TestContext.Current.CancellationToken;
        using var simulation = Simulation(new RecordingSender(), TimeProvider.System);
        var planId = Bytes(32, 0x77);
        var txid = Bytes(32, 0x99);
        var completed = simulation.WaitForAsync(s => s.Processor(1).Plans.FirstOrDefault(p => p.IsCompleted), ct);

        await ReportAsync(simulation, 1, new SubstrateBlockAcknowledged { SeraiBlockNumber = 2, BatchIds = { 0 }, PlanIds = { planId } });
        await ReportAsync(simulation, 1, new PlanStatus { Session = 7, PlanId = planId, State = PlanState.Created, Txid = txid });
        await ReportAsync(simulation, 1, new PlanStatus { Session = 7, PlanId = planId, State = PlanState.Published, Txid = txid });
        await ReportAsync(simulation, 1, new PlanStatus { Session = 7, PlanId = planId, State = PlanState.Signed, Txid = txid });
        Assert.False(completed.IsCompleted);
        await ReportAsync(simulation, 1, new PlanCompleted { Session = 7, PlanId = planId, Txid = txid, ExternalBlockNumber = 130, ExternalBlockHash = Bytes(32, 0x13) });
        await ReportAsync(simulation, 2, new PaymentDropped { SeraiBlockNumber = 3, BurnIndex = 1, Burn = OneBurn, Reason = PaymentDropReason.Dust });
        await ReportAsync(simulation, 3, new InstructionRejected
        {
            Output = new OutputId { Txid = Bytes(32, 0x55), Vout = 1 },
            Coin = Coin.Bitcoin,
            Amount = 20_000,
            ExternalBlockHash = Bytes(32, 0x13),
            Reason = InstructionRejection.Undecodable,
            Detail = "not a Shorthand",
            RefundDestination = Bytes(21, 0x02),
        });

        var plan = await completed.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal((Hex(planId), 7u, PlanState.Published, Hex(txid)), (plan.PlanId, plan.Session, plan.State, plan.Txid));
        Assert.Equal(new SimulatorState.PlanCompletionView(130, Hex(Bytes(32, 0x13))), plan.Completion);
        var state = await simulation.StateAsync(ct);
        var acknowledgement = Assert.Single(state.Processor(1).Acknowledgements);
        Assert.Equal(2ul, acknowledgement.SeraiBlockNumber);
        Assert.Equal([0u], acknowledgement.BatchIds);
        Assert.Equal([Hex(planId)], acknowledgement.PlanIds);
        Assert.Empty(state.Processor(2).Plans);
        var dropped = Assert.Single(state.Processor(2).DroppedPayments);
        Assert.Equal((3ul, 1u, 100_000ul, PaymentDropReason.Dust), (dropped.SeraiBlockNumber, dropped.BurnIndex, dropped.Amount, dropped.Reason));
        var rejected = Assert.Single(state.Processor(3).RejectedInstructions);
        Assert.Equal((Hex(Bytes(32, 0x55)), 1u, InstructionRejection.Undecodable, Hex(Bytes(21, 0x02))),
            (rejected.OutputTxid, rejected.Vout, rejected.Reason, rejected.RefundDestination));
        Assert.Contains(state.Notes, n => n.Kind == SimulatorNoteKind.ProcessorReport && n.Text.StartsWith("validator 2: dropped burn 1 of Serai block 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatedReports_ChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var simulation = Simulation(new RecordingSender(), TimeProvider.System);
        var acknowledged = new SubstrateBlockAcknowledged { SeraiBlockNumber = 2, PlanIds = { Bytes(32, 1), Bytes(32, 2) } };
        var batch = new Batch { Network = NetworkId.Bitcoin, Id = 0, ExternalBlockHash = Bytes(32, 0x13) };

        for (var copy = 0; copy < 2; copy++)
        {
            await ReportAsync(simulation, 1, batch);
            await ReportAsync(simulation, 1, acknowledged);
        }

        var processor = (await simulation.StateAsync(ct)).Processor(1);
        Assert.Single(processor.Batches);
        Assert.Single(processor.Acknowledgements);
        Assert.Equal([Hex(Bytes(32, 1)), Hex(Bytes(32, 2))], processor.Plans.Select(p => p.PlanId));
        Assert.All(processor.Plans, p => Assert.Equal(PlanState.Unspecified, p.State));
    }

    private static CoordinatorSimulation Simulation(ICommandSender sender, TimeProvider time) => new(
        new SimulatorOptions
        {
            BootstrapServers = "127.0.0.1:1",
            Threshold = 2,
            Validators = [.. Enumerable.Range(1, 3).Select(v => new ValidatorOptions
            {
                Namespace = $"v{v}",
                IdentityKey = Convert.ToHexStringLower(Bytes(32, (byte)v).Span),
            })],
        },
        sender,
        time,
        NullLogger<CoordinatorSimulation>.Instance);

    // Plays the participants (validator v holds index v) through the rounds of an attempt already started.
    private static async Task GenerateKeysAsync(CoordinatorSimulation simulation, int[] participants, uint attempt, KeyPair pair)
    {
        var ct = TestContext.Current.CancellationToken;
        var keyGeneration = attempt == 0 ? simulation.RunKeyGenerationAsync(7, ct) : null;
        foreach (var v in participants)
        {
            await simulation.HandleAsync(new ProcessorEventRecord(v, Guid.NewGuid(), Commitments(v, attempt)), ct);
        }

        foreach (var v in participants)
        {
            await simulation.HandleAsync(new ProcessorEventRecord(v, Guid.NewGuid(), Shares(v, participants.Length, attempt)), ct);
        }

        foreach (var v in participants)
        {
            await simulation.HandleAsync(new ProcessorEventRecord(v, Guid.NewGuid(), Generated(pair, attempt)), ct);
        }

        if (keyGeneration is not null)
        {
            await keyGeneration.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
    }

    private static Task ReportAsync(CoordinatorSimulation simulation, int validator, IMessage report) =>
        simulation.HandleAsync(new ProcessorEventRecord(validator, Guid.NewGuid(), report), TestContext.Current.CancellationToken);

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    /// <summary>An in-memory <see cref="ICommandSender"/>: what each validator was sent, in order.</summary>
    private sealed class RecordingSender : ICommandSender
    {
        private readonly List<AddressedCommand> _sent = [];

        public Task SendAsync(IReadOnlyList<AddressedCommand> commands, ProcessorEventRecord? cause, CancellationToken cancellationToken)
        {
            lock (_sent)
            {
                _sent.AddRange(commands);
            }

            return Task.CompletedTask;
        }

        public IReadOnlyList<SubstrateBlock> SubstrateBlocks(int validator)
        {
            lock (_sent)
            {
                return [.. _sent.Where(c => c.Validator == validator).Select(c => c.Command).OfType<SubstrateBlock>()];
            }
        }
    }
}
