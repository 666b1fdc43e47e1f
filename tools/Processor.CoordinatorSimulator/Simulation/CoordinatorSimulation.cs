using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using BatchSignId = Processor.Serai.BatchSignId;
using SeraiContracts = Processor.Serai.Contracts.ContractBatches;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>
/// The coordinators of N validators and the Serai chain, driven by the processors' events: key generation (with blame and
/// re-runs), signing relays (set choice, re-attempts), Serai's checks of every SignedBatch, and burns. Transport-free: events
/// come in through <see cref="HandleAsync"/>, commands go out through an <see cref="ICommandSender"/>. One event or timeout at
/// a time (a gate), so decisions never interleave.
/// </summary>
public sealed partial class CoordinatorSimulation : IDisposable
{
    private readonly SimulatorOptions _options;
    private readonly ICommandSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SeraiChain _chain;
    private readonly Dictionary<int, ByteString> _identities = [];
    private readonly Dictionary<int, Misbehaviour> _misbehaviours = [];
    private readonly Dictionary<uint, KeyGenerationCeremony> _keyGenerations = [];
    private readonly Dictionary<uint, TaskCompletionSource<GeneratedKeys>> _keyGenerationResults = [];
    private readonly Dictionary<uint, GeneratedKeys> _sessions = [];
    private readonly Dictionary<string, SigningCeremony> _signings = [];
    private readonly Dictionary<object, (ITimer Timer, int Phase)> _timers = [];
    private readonly List<SimulatorNote> _notes = [];
    private readonly ProcessorReports _reports = new();
    private readonly Dictionary<ulong, IReadOnlyList<int>> _announcedTo = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<(uint Session, int Validator)> _notedExclusions = [];
    private readonly TaskCompletionSource _identitiesKnown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CoordinatorSimulation(SimulatorOptions options, ICommandSender sender, TimeProvider time, ILogger<CoordinatorSimulation> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
        _sender = sender;
        _time = time;
        _logger = logger;
        _chain = new SeraiChain(time);
        for (var validator = 1; validator <= options.Validators.Count; validator++)
        {
            if (options.Validators[validator - 1].IdentityKeyBytes is { } key)
            {
                _identities[validator] = ByteString.CopyFrom(key);
            }
        }

        SignalIfAllIdentitiesKnown();
    }

    /// <summary>Raised (inside the simulator's gate: handlers must not call back into it) for every note.</summary>
    public event EventHandler<SimulatorNote>? Noted;

    /// <summary>The number of validators.</summary>
    public int ValidatorCount => _options.Validators.Count;

    /// <summary>Makes <paramref name="validator"/> misbehave from now on (<see cref="Misbehaviour.None"/>: behave again).</summary>
    public void Misbehave(int validator, Misbehaviour misbehaviour)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(validator, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(validator, ValidatorCount);
        lock (_misbehaviours)
        {
            _misbehaviours[validator] = misbehaviour;
        }
    }

    /// <summary>
    /// Runs key generation for <paramref name="session"/> (once every validator's identity key is known) until every
    /// participant generated the same pair, which is then set on Serai and confirmed to them.
    /// </summary>
    /// <exception cref="KeyGenerationFailedException">The session cannot produce keys (too many participants excluded, or different pairs).</exception>
    public async Task<GeneratedKeys> RunKeyGenerationAsync(uint session, CancellationToken cancellationToken)
    {
        await _identitiesKnown.Task.WaitAsync(cancellationToken);
        TaskCompletionSource<GeneratedKeys> result;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_keyGenerationResults.TryGetValue(session, out result!))
            {
                result = _keyGenerationResults[session] = new(TaskCreationOptions.RunContinuationsAsynchronously);
                var validators = Enumerable.Range(1, ValidatorCount).Select(v => new KeyGenValidator(v, _identities[v])).ToList();
                var ceremony = _keyGenerations[session] = new KeyGenerationCeremony(session, _options.EffectiveThreshold, validators);
                await SendAllAsync(ceremony.Start(), null, cancellationToken);
                await AfterKeyGenerationAsync(ceremony, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }

        return await result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits until the Batch <paramref name="batchId"/> of the simulated network is in a Serai block, and returns the block.</summary>
    public async Task<SeraiBlock> WaitForBatchAsync(uint batchId, CancellationToken cancellationToken)
    {
        var included = new TaskCompletionSource<SeraiBlock>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNote(object? sender, SimulatorNote note)
        {
            if (note.Kind == SimulatorNoteKind.BatchIncluded && note.BatchId == batchId)
            {
                included.TrySetResult(BlockWithBatch(batchId)!);
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (BlockWithBatch(batchId) is { } block)
            {
                return block;
            }

            Noted += OnNote;
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            return await included.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Noted -= OnNote;
        }
    }

    /// <summary>
    /// Seals a Serai block burning <paramref name="burns"/> and sends it as a <c>SubstrateBlock</c> to every validator taking part
    /// (those of the latest session with confirmed keys; all before any).
    /// </summary>
    public async Task<SeraiBlock> BurnAsync(IReadOnlyList<Burn> burns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(burns);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _chain.Burn(_options.SeraiNetwork, burns);
            var block = await SealAndAnnounceAsync(null, cancellationToken);
            Note(SimulatorNoteKind.BurnsSent, $"Serai block {block.Number} burns {burns.Count} payment(s)");
            return block;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Handles one event of a validator's processor.</summary>
    public async Task HandleAsync(ProcessorEventRecord received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        Misbehaviour misbehaviour;
        lock (_misbehaviours)
        {
            misbehaviour = _misbehaviours.GetValueOrDefault(received.Validator);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (MisbehaviourTransform.Apply(misbehaviour, received.Message) is not { } message)
            {
                Note(SimulatorNoteKind.EventIgnored, $"validator {received.Validator} is silent: dropped its {received.Message.Descriptor.Name}");
                return;
            }

            var cause = received with { Message = message };
            switch (message)
            {
                case SignerIdentity identity:
                    OnIdentity(received.Validator, identity);
                    break;
                case KeyGenCommitments m:
                    await OnKeyGenerationEventAsync(cause, m.Session, cancellationToken);
                    break;
                case KeyGenShares m:
                    await OnKeyGenerationEventAsync(cause, m.Session, cancellationToken);
                    break;
                case GeneratedKeyPair m:
                    await OnKeyGenerationEventAsync(cause, m.Session, cancellationToken);
                    break;
                case InvalidCommitments m:
                    await OnKeyGenerationEventAsync(cause, m.Session, cancellationToken);
                    break;
                case InvalidShare m:
                    await OnKeyGenerationEventAsync(cause, m.Session, cancellationToken);
                    break;
                case Blame m:
                    await OnKeyGenerationEventAsync(cause, m.Session, cancellationToken);
                    break;
                case SignPreprocess m:
                    await OnSigningEventAsync(cause, m.Id, cancellationToken);
                    break;
                case SignShare m:
                    await OnSigningEventAsync(cause, m.Id, cancellationToken);
                    break;
                case InvalidParticipant m:
                    await OnSigningEventAsync(cause, m.Id, cancellationToken);
                    break;
                case SignedBatch m:
                    await OnSignedBatchAsync(cause, m, cancellationToken);
                    break;
                default:
                    var report = _reports.Record(received.Validator, message) ?? $"{message.Descriptor.Name} {message}";
                    Note(SimulatorNoteKind.ProcessorReport, $"validator {received.Validator}: {report}");
                    break;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A snapshot of everything the simulator knows, for the control surface and tests.</summary>
    public async Task<SimulatorState> StateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return State();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Waits until <paramref name="probe"/> finds what it looks for in the simulator's state (checked now and after every
    /// note: every event handled and every decision makes one) and returns it. Bound it with <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<SimulatorState, T?> probe, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        while (true)
        {
            Task changed;
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (probe(State()) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }
            finally
            {
                _gate.Release();
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var (timer, _) in _timers.Values)
        {
            timer.Dispose();
        }

        _gate.Dispose();
    }

    private SimulatorState State() =>
        SimulatorState.Of(_options, _identities, _keyGenerations.Values, _sessions.Values, _signings, _chain, _announcedTo, _reports, _notes);

    private void OnIdentity(int validator, SignerIdentity identity)
    {
        if (_identities.ContainsKey(validator) || identity.IdentityKey.Length != 32)
        {
            return;
        }

        _identities[validator] = identity.IdentityKey;
        Note(SimulatorNoteKind.IdentityLearned, $"validator {validator}: identity key {Convert.ToHexStringLower(identity.IdentityKey.Span)}");
        SignalIfAllIdentitiesKnown();
    }

    private void SignalIfAllIdentitiesKnown()
    {
        if (_identities.Count == ValidatorCount)
        {
            _identitiesKnown.TrySetResult();
        }
    }

    private async Task OnKeyGenerationEventAsync(ProcessorEventRecord received, uint session, CancellationToken cancellationToken)
    {
        if (!_keyGenerations.TryGetValue(session, out var ceremony))
        {
            Note(SimulatorNoteKind.EventIgnored, $"validator {received.Validator}: {received.Message.Descriptor.Name} for session {session}, which no key generation of ours runs");
            return;
        }

        await SendAllAsync(ceremony.Receive(received.Validator, received.Message), received, cancellationToken);
        await AfterKeyGenerationAsync(ceremony, cancellationToken);
    }

    private async Task AfterKeyGenerationAsync(KeyGenerationCeremony ceremony, CancellationToken cancellationToken)
    {
        var result = _keyGenerationResults[ceremony.Session];
        if (result.Task.IsCompleted)
        {
            return;
        }

        if (ceremony.Result is { } keys)
        {
            StopTimer(ceremony);
            await ConfirmAsync(keys, cancellationToken);
            result.TrySetResult(keys);
        }
        else if (ceremony.Failure is { } failure)
        {
            StopTimer(ceremony);
            Note(SimulatorNoteKind.KeyGenerationFailed, failure);
            result.TrySetException(new KeyGenerationFailedException(failure));
        }
        else
        {
            foreach (var (validator, reason) in ceremony.Excluded.Where(e => !_notedExclusions.Contains((ceremony.Session, e.Key))))
            {
                _notedExclusions.Add((ceremony.Session, validator));
                Note(SimulatorNoteKind.KeyGenerationRerun, $"session {ceremony.Session}: validator {validator} left out ({reason}); attempt {ceremony.Attempt} started");
            }

            ArmTimer(ceremony, ceremony.Phase, _options.KeyGenerationTimeout, async ct =>
            {
                await SendAllAsync(ceremony.Expire(), null, ct);
                await AfterKeyGenerationAsync(ceremony, ct);
            });
        }
    }

    // "Sets" the keys on Serai (a block with a time) and confirms them to the participants with that time and the latest
    // external block Serai has acknowledged.
    private async Task ConfirmAsync(GeneratedKeys keys, CancellationToken cancellationToken)
    {
        _chain.SetKeys(_options.SeraiNetwork, keys.Session, keys.KeyPair);
        var block = _chain.Seal();
        _sessions[keys.Session] = keys;
        var confirmation = new ConfirmKeyPair
        {
            Session = keys.Session,
            KeyPair = keys.KeyPair,
            SeraiTime = Timestamp.FromDateTimeOffset(block.Time),
            LatestFinalizedExternalBlock = _chain.LatestExternalBlock(_options.SeraiNetwork),
        };
        await SendAllAsync([.. keys.Participants.Keys.Order().Select(v => new AddressedCommand(v, confirmation))], null, cancellationToken);
        Note(SimulatorNoteKind.KeysConfirmed,
            $"session {keys.Session} (attempt {keys.Attempt}): substrate key {Convert.ToHexStringLower(keys.KeyPair.SubstrateKey.Span)}, " +
            $"network key {Convert.ToHexStringLower(keys.KeyPair.NetworkKey.Span)} set in Serai block {block.Number}");
    }

    private async Task OnSigningEventAsync(ProcessorEventRecord received, SignId? id, CancellationToken cancellationToken)
    {
        if (id is null || !_sessions.TryGetValue(id.Session, out var keys))
        {
            Note(SimulatorNoteKind.EventIgnored, $"validator {received.Validator}: {received.Message.Descriptor.Name} for a session without confirmed keys");
            return;
        }

        var key = SigningCeremony.KeyOf(id);
        if (!_signings.TryGetValue(key, out var ceremony))
        {
            if (received.Message is not SignPreprocess)
            {
                return;
            }

            ceremony = _signings[key] = new SigningCeremony(keys, id);
        }

        var attempt = ceremony.Attempt;
        var selected = ceremony.Selected;
        await SendAllAsync(ceremony.Receive(received.Validator, received.Message), received, cancellationToken);
        await AfterSigningAsync(ceremony, attempt, selected, cancellationToken);
    }

    private async Task AfterSigningAsync(SigningCeremony ceremony, uint attemptBefore, IReadOnlyList<int>? selectedBefore, CancellationToken cancellationToken)
    {
        if (ceremony.Failure is { } failure)
        {
            StopTimer(ceremony);
            Note(SimulatorNoteKind.SigningFailed, failure);
            return;
        }

        if (ceremony.Attempt != attemptBefore)
        {
            Note(SimulatorNoteKind.SigningReattempted,
                $"signing attempt {ceremony.Attempt} started" + (ceremony.Faulty.Count > 0 ? $"; faulty participants: {string.Join(", ", ceremony.Faulty)}" : ""));
        }
        else if (selectedBefore is null && ceremony.Selected is { } selected)
        {
            Note(SimulatorNoteKind.SigningSetSelected, $"signing attempt {ceremony.Attempt}: set {string.Join(", ", selected)}");
        }

        if (ceremony.IsWaiting)
        {
            ArmTimer(ceremony, ceremony.Phase, _options.SigningTimeout, async ct =>
            {
                var attempt = ceremony.Attempt;
                var selected = ceremony.Selected;
                await SendAllAsync(ceremony.Expire(), null, ct);
                await AfterSigningAsync(ceremony, attempt, selected, ct);
            });
        }
        else
        {
            StopTimer(ceremony);
        }
    }

    private async Task OnSignedBatchAsync(ProcessorEventRecord received, SignedBatch signedBatch, CancellationToken cancellationToken)
    {
        switch (_chain.Submit(signedBatch))
        {
            case BatchSubmission.Accepted accepted:
                var block = await SealAndAnnounceAsync(received, cancellationToken);
                var signId = BatchSignId.Of(SeraiContracts.ToSerai(signedBatch.Batch.Network), signedBatch.Batch.Id);
                if (_signings.GetValueOrDefault(SigningCeremony.KeyOf(new SignId { Session = accepted.Session, Kind = SignKind.Batch, Id = ByteString.CopyFrom(signId) })) is { } ceremony)
                {
                    ceremony.MarkCompleted();
                    StopTimer(ceremony);
                }

                Note(SimulatorNoteKind.BatchIncluded, $"Batch {signedBatch.Batch.Id} (session {accepted.Session}) is in Serai block {block.Number}", signedBatch.Batch.Id);
                break;
            case BatchSubmission.Rejected rejected:
                Note(SimulatorNoteKind.BatchRejected, $"validator {received.Validator}: {rejected.Reason}", signedBatch.Batch?.Id);
                break;
            default:
                break;
        }
    }

    // A sealed block that executed a Batch or burns of the simulated network is what the reporters of the validators taking
    // part must acknowledge: a SubstrateBlock to each, naming the external block of the network's last executed Batch, which
    // they must have scanned before they act on it.
    private async Task<SeraiBlock> SealAndAnnounceAsync(ProcessorEventRecord? cause, CancellationToken cancellationToken)
    {
        var block = _chain.Seal();
        var batchIds = block.Batches.Where(b => b.Batch.Network == _options.SeraiNetwork).Select(b => b.Batch.Id).ToList();
        var burns = block.Burns.GetValueOrDefault(_options.SeraiNetwork) ?? [];
        var announcement = new SubstrateBlock
        {
            SeraiBlockNumber = block.Number,
            SeraiBlockHash = block.Hash,
            SeraiTime = Timestamp.FromDateTimeOffset(block.Time),
            BatchIds = { batchIds },
            Burns = { burns },
            LatestFinalizedExternalBlock = block.LatestExternalBlock(_options.SeraiNetwork),
        };
        var recipients = TakingPart();
        _announcedTo[block.Number] = recipients;
        await SendAllAsync([.. recipients.Select(v => new AddressedCommand(v, announcement))], cause, cancellationToken);
        return block;
    }

    // The validators of the latest session with confirmed keys: one left out of its key generation holds no key, scans
    // nothing for it and could never acknowledge the block. Before any keys, nobody is left out yet.
    private IReadOnlyList<int> TakingPart() =>
        _sessions.Count == 0
            ? [.. Enumerable.Range(1, ValidatorCount)]
            : [.. _sessions[_sessions.Keys.Max()].Participants.Keys.Order()];

    private SeraiBlock? BlockWithBatch(uint batchId) =>
        _chain.Blocks.FirstOrDefault(b => b.Batches.Any(e => e.Batch.Network == _options.SeraiNetwork && e.Batch.Id == batchId));

    private async Task SendAllAsync(IReadOnlyList<AddressedCommand> commands, ProcessorEventRecord? cause, CancellationToken cancellationToken)
    {
        foreach (var command in commands)
        {
            await _sender.SendAsync(command, cause, cancellationToken);
        }
    }

    // A timeout runs from the start of a phase (events within it do not extend it) and belongs to that phase: if the
    // ceremony moved on meanwhile, it does nothing.
    private void ArmTimer(object ceremony, int phase, TimeSpan timeout, Func<CancellationToken, Task> onExpired)
    {
        if (_timers.TryGetValue(ceremony, out var armed) && armed.Phase == phase)
        {
            return;
        }

        StopTimer(ceremony);
        _timers[ceremony] = (_time.CreateTimer(_ => _ = OnTimeoutAsync(ceremony, phase, onExpired), null, timeout, Timeout.InfiniteTimeSpan), phase);
    }

    private async Task OnTimeoutAsync(object ceremony, int phase, Func<CancellationToken, Task> onExpired)
    {
        try
        {
            await _gate.WaitAsync();
            try
            {
                if (PhaseOf(ceremony) == phase && _timers.Remove(ceremony, out var armed))
                {
                    armed.Timer.Dispose();
                    await onExpired(CancellationToken.None);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogTimeoutFailed(e);
        }
    }

    private static int PhaseOf(object ceremony) => ceremony switch
    {
        KeyGenerationCeremony k => k.Phase,
        SigningCeremony s => s.Phase,
        _ => throw new ArgumentException("Not a ceremony.", nameof(ceremony)),
    };

    private void StopTimer(object ceremony)
    {
        if (_timers.Remove(ceremony, out var armed))
        {
            armed.Timer.Dispose();
        }
    }

    private void Note(SimulatorNoteKind kind, string text, uint? batchId = null)
    {
        var note = new SimulatorNote(_time.GetUtcNow(), kind, text, batchId);
        _notes.Add(note);
        LogNote(kind, text);
        Noted?.Invoke(this, note);
        _changed.TrySetResult();
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind}: {Text}")]
    private partial void LogNote(SimulatorNoteKind kind, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "A ceremony's timeout could not be handled")]
    private partial void LogTimeoutFailed(Exception exception);
}
