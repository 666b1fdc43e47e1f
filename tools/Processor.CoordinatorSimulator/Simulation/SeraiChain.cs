using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Sr25519;
using Processor.Serai.Contracts;
using BatchMessage = Processor.Serai.BatchMessage;
using SeraiBatch = Processor.Serai.Batch;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>A key pair set on the simulated Serai chain for one session of a network.</summary>
public sealed record KeysSet(NetworkId Network, uint Session, KeyPair KeyPair);

/// <summary>A Batch Serai executed, the session whose substrate key signed it, and the sr25519 signature Serai accepted.</summary>
public sealed record ExecutedBatch(Batch Batch, uint Session, ByteString Signature);

/// <summary>A block of the simulated Serai chain.</summary>
/// <param name="Number">Block number, from 1.</param>
/// <param name="Hash">32-byte block hash (a hash of the parent hash, the number and the time; simulated).</param>
/// <param name="Time">Block time, whole seconds (Serai's <c>serai_time</c> is seconds).</param>
/// <param name="Batches">The Batches it executed, at most one per network.</param>
/// <param name="Burns">The burns it contains, per network, in execution order.</param>
/// <param name="Keys">The key pairs set in it.</param>
/// <param name="LatestExternalBlocks">
/// Per network, the external block of its last Batch executed in this block or before (Serai's
/// <c>network_latest_finalized_block</c> as of this block).
/// </param>
public sealed record SeraiBlock(
    ulong Number,
    ByteString Hash,
    DateTimeOffset Time,
    IReadOnlyList<ExecutedBatch> Batches,
    IReadOnlyDictionary<NetworkId, IReadOnlyList<Burn>> Burns,
    IReadOnlyList<KeysSet> Keys,
    IReadOnlyDictionary<NetworkId, ByteString> LatestExternalBlocks)
{
    /// <summary>The external block of <paramref name="network"/>'s last Batch executed as of this block; empty when none.</summary>
    public ByteString LatestExternalBlock(NetworkId network) => LatestExternalBlocks.GetValueOrDefault(network) ?? ByteString.Empty;
}

/// <summary>What the chain did with a submitted <c>SignedBatch</c>.</summary>
public abstract record BatchSubmission
{
    /// <summary>Accepted into the block being built.</summary>
    public sealed record Accepted(uint Session) : BatchSubmission;

    /// <summary>The same Batch was already accepted (another validator's copy of it): it counts once.</summary>
    public sealed record AlreadyAccepted : BatchSubmission;

    /// <summary>Refused, with Serai's reason.</summary>
    public sealed record Rejected(string Reason) : BatchSubmission;
}

/// <summary>
/// The Serai chain as far as the processor can tell: key pairs set per session, Batches executed after Serai's checks
/// (serai-chain-formats.md §2.3: encoded size, sr25519 signature over <c>batch_message</c> under the session's substrate key,
/// ids sequential per network, at most one Batch per network per block) and burns, in blocks with a number, hash and time.
/// Submissions go into the block being built until <see cref="Seal"/>. Not thread-safe.
/// </summary>
public sealed class SeraiChain(TimeProvider time)
{
    private readonly List<SeraiBlock> _blocks = [];
    private readonly List<KeysSet> _keys = [];
    private readonly Dictionary<NetworkId, Batch> _lastBatch = [];
    private readonly Dictionary<NetworkId, ExecutedBatch> _pendingBatches = [];
    private readonly Dictionary<NetworkId, List<Burn>> _pendingBurns = [];
    private readonly List<KeysSet> _pendingKeys = [];

    /// <summary>Every sealed block, oldest first.</summary>
    public IReadOnlyList<SeraiBlock> Blocks => _blocks;

    /// <summary>Every key pair set, oldest first.</summary>
    public IReadOnlyList<KeysSet> Keys => _keys;

    /// <summary>Sets <paramref name="keyPair"/> as the keys of <paramref name="session"/> in the block being built.</summary>
    public void SetKeys(NetworkId network, uint session, KeyPair keyPair)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        _pendingKeys.Add(new KeysSet(network, session, keyPair.Clone()));
    }

    /// <summary>Adds burns of <paramref name="network"/>'s coins to the block being built.</summary>
    public void Burn(NetworkId network, IEnumerable<Burn> burns)
    {
        if (!_pendingBurns.TryGetValue(network, out var pending))
        {
            _pendingBurns[network] = pending = [];
        }

        pending.AddRange(burns);
    }

    /// <summary>The hash of the external block of <paramref name="network"/>'s latest executed Batch; empty when none.</summary>
    public ByteString LatestExternalBlock(NetworkId network) =>
        _lastBatch.TryGetValue(network, out var batch) ? batch.ExternalBlockHash : ByteString.Empty;

    /// <summary>The id the next Batch of <paramref name="network"/> must have.</summary>
    public uint NextBatchId(NetworkId network) =>
        _pendingBatches.TryGetValue(network, out var pending) ? pending.Batch.Id + 1
        : _lastBatch.TryGetValue(network, out var last) ? last.Id + 1
        : 0;

    /// <summary>Checks <paramref name="signedBatch"/> as Serai does and, if it passes, puts it into the block being built.</summary>
    public BatchSubmission Submit(SignedBatch signedBatch)
    {
        ArgumentNullException.ThrowIfNull(signedBatch);
        if (signedBatch.Batch is not { } batch)
        {
            return new BatchSubmission.Rejected("the SignedBatch carries no Batch");
        }

        if (IsAccepted(batch))
        {
            return new BatchSubmission.AlreadyAccepted();
        }

        SeraiBatch serai;
        try
        {
            serai = ContractBatches.ToSerai(batch);
        }
        catch (FormatException e)
        {
            return new BatchSubmission.Rejected($"Batch {batch.Id} is not a Serai Batch: {e.Message}");
        }

        if (serai.EncodedLength > SeraiBatch.MaxEncodedSize)
        {
            return new BatchSubmission.Rejected(
                $"Batch {batch.Id} encodes to {serai.EncodedLength} bytes, more than {SeraiBatch.MaxEncodedSize} (ExhaustsResources)");
        }

        var message = BatchMessage.Of(serai);
        var signer = _keys.Where(k => k.Network == batch.Network).Reverse()
            .FirstOrDefault(k => Sr25519.Verify(k.KeyPair.SubstrateKey.Span, message, signedBatch.Signature.Span));
        if (signer is null)
        {
            return new BatchSubmission.Rejected(_keys.Any(k => k.Network == batch.Network)
                ? $"Batch {batch.Id}: the signature does not verify over batch_message under any substrate key set for {batch.Network}"
                : $"Batch {batch.Id}: no keys are set for {batch.Network}");
        }

        if (_pendingBatches.TryGetValue(batch.Network, out var pending))
        {
            return new BatchSubmission.Rejected(
                $"Batch {batch.Id}: block {_blocks.Count + 1} already executes Batch {pending.Batch.Id} of {batch.Network} (one per network per block)");
        }

        var expected = NextBatchId(batch.Network);
        if (batch.Id != expected)
        {
            return new BatchSubmission.Rejected(batch.Id < expected
                ? $"Batch {batch.Id} is stale: the next Batch of {batch.Network} is {expected}"
                : $"Batch {batch.Id} is from the future: the next Batch of {batch.Network} is {expected}");
        }

        _pendingBatches[batch.Network] = new ExecutedBatch(batch.Clone(), signer.Session, signedBatch.Signature);
        return new BatchSubmission.Accepted(signer.Session);
    }

    /// <summary>Seals the block being built (even an empty one) and returns it.</summary>
    public SeraiBlock Seal()
    {
        var parent = _blocks.Count == 0 ? null : _blocks[^1];
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var blockTime = parent is not null && parent.Time > now ? parent.Time : now;
        var number = (ulong)_blocks.Count + 1;
        foreach (var executed in _pendingBatches.Values)
        {
            _lastBatch[executed.Batch.Network] = executed.Batch;
        }

        var block = new SeraiBlock(
            number,
            HashOf(parent?.Hash ?? ByteString.Empty, number, blockTime),
            blockTime,
            [.. _pendingBatches.Values],
            _pendingBurns.ToDictionary(b => b.Key, b => (IReadOnlyList<Burn>)[.. b.Value]),
            [.. _pendingKeys],
            _lastBatch.ToDictionary(b => b.Key, b => b.Value.ExternalBlockHash));
        _keys.AddRange(_pendingKeys);
        _blocks.Add(block);
        _pendingBatches.Clear();
        _pendingBurns.Clear();
        _pendingKeys.Clear();
        return block;
    }

    private bool IsAccepted(Batch batch) =>
        (_pendingBatches.TryGetValue(batch.Network, out var pending) && pending.Batch.Equals(batch))
        || _blocks.Any(b => b.Batches.Any(e => e.Batch.Equals(batch)));

    private static ByteString HashOf(ByteString parent, ulong number, DateTimeOffset blockTime)
    {
        Span<byte> header = stackalloc byte[parent.Length + 16];
        parent.Span.CopyTo(header);
        BinaryPrimitives.WriteUInt64LittleEndian(header[parent.Length..], number);
        BinaryPrimitives.WriteInt64LittleEndian(header[(parent.Length + 8)..], blockTime.ToUnixTimeSeconds());
        return ByteString.CopyFrom(SHA256.HashData(header));
    }
}
