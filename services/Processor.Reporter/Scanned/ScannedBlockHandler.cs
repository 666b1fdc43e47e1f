using Processor.Contracts.Scanner.V1;
using Processor.Messaging.Consuming;
using Processor.Reporter.Batches;

namespace Processor.Reporter;

/// <summary>
/// Records one ScannedBlock part (a block's own part, or a key's part with its outputs and activation marker), then settles
/// whatever blocks can now be settled (<see cref="BlockSettlement"/>). Completed eventualities are the scheduler's business.
/// </summary>
public sealed class ScannedBlockHandler(ScannedStore store, BlockSettlement settlement) : IMessageHandler<ScannedBlock>
{
    public async ValueTask<HandleOutcome> HandleAsync(ScannedBlock message, HandlerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        Validate(message);
        var transaction = context.Transaction;
        var height = checked((long)message.Height);
        var hash = message.Hash.ToByteArray();
        if (!message.HasKeySession)
        {
            await store.InsertBlockAsync(transaction, new ScannedBlockRow(height, (short)message.Network, hash, message.MedianTime.ToDateTime()), cancellationToken);
        }
        else
        {
            var session = checked((int)message.KeySession);
            await store.InsertKeyPartAsync(transaction, session, height, (int)message.Part, (int)message.PartCount, cancellationToken);
            var highest = await store.HighestBlockAsync(transaction, cancellationToken) ?? height;
            foreach (var marker in message.ActivatedKeys)
            {
                await store.InsertKeyAsync(
                    transaction,
                    new ScannedKey(
                        checked((int)marker.Session), marker.KeyPair.SubstrateKey.ToByteArray(), marker.KeyPair.NetworkKey.ToByteArray(), height,
                        Math.Max(highest, height)),
                    cancellationToken);
                await settlement.ReopenForKeyAsync(transaction, checked((int)marker.Session), height, cancellationToken);
            }

            await store.InsertOutputsAsync(
                transaction,
                [.. message.Outputs.SelectMany(key => key.Outputs.Select(o => new StoredOutput(
                    o.Id.Txid.ToByteArray(), checked((int)o.Id.Vout), height, checked((int)key.Session), key.NetworkKey.ToByteArray(), (short)o.Kind,
                    (short)o.Coin, checked((long)o.Amount), o.Script.ToByteArray(), o.Instruction.ToByteArray(), (short)o.InstructionError,
                    o.Origin.ToByteArray(), o.SpendData.ToByteArray())))],
                cancellationToken);
        }

        await settlement.SettleAsync(context, message.Network, cancellationToken);
        return HandleOutcome.Done;
    }

    /// <exception cref="PoisonMessageException">The part is not one the scanner writes.</exception>
    private static void Validate(ScannedBlock message)
    {
        string? problem = message switch
        {
            { Hash.IsEmpty: true } => "has no block hash",
            { MedianTime: null } => "has no median time",
            { PartCount: 0 } => "has no parts",
            _ when message.Part >= message.PartCount => $"is part {message.Part} of {message.PartCount}",
            { HasKeySession: false } when message.Outputs.Count > 0 || message.ActivatedKeys.Count > 0 =>
                "is a block's own part but carries a key's outputs or marker",
            _ when message.ActivatedKeys.Any(k => k.KeyPair is null || k.Session != message.KeySession) =>
                "has an activation marker of another key or without a key pair",
            _ when message.Outputs.Any(k => k.Session != message.KeySession || k.Outputs.Any(o => o.Id is null)) =>
                "has outputs of another key or without an id",
            _ => null,
        };
        if (problem is not null)
        {
            throw new PoisonMessageException($"ScannedBlock at height {message.Height} {problem}.");
        }
    }
}
