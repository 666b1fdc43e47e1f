using Google.Protobuf;
using ContractBatch = Processor.Contracts.Coordinator.V1.Batch;
using ContractCoin = Processor.Contracts.Common.V1.Coin;
using ContractInstruction = Processor.Contracts.Coordinator.V1.InInstruction;
using ContractNetworkId = Processor.Contracts.Common.V1.NetworkId;

namespace Processor.Serai.Contracts;

/// <summary>
/// The one mapping between the Protobuf Batch of the coordinator contract and Serai's <see cref="Batch"/>, used by the signer
/// (which signs <see cref="BatchMessage.Of"/> of it) and by the coordinator simulator (which checks it as Serai does).
/// <list type="bullet">
/// <item><c>InInstruction.instruction</c> holds SCALE(<c>InInstruction</c>), exactly one, nothing after it;</item>
/// <item><c>coin</c>/<c>amount</c> are the <see cref="Balance"/>; <c>origin</c> is not part of Serai's Batch;</item>
/// <item><c>external_block_hash</c> is in the network's own byte order (common.proto); Serai's <c>Batch.block</c> for Bitcoin is
/// the display order (§2), so the mapping reverses Bitcoin's hash; Monero's block id is the same bytes in both.</item>
/// </list>
/// </summary>
public static class ContractBatches
{
    /// <summary>Serai's Batch for <paramref name="batch"/>; a <see cref="FormatException"/> says what cannot be represented.</summary>
    public static Batch ToSerai(ContractBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var network = ToSerai(batch.Network);
        if (batch.ExternalBlockHash.Length != BlockHash.Size)
        {
            throw new FormatException($"Batch {batch.Id}: external_block_hash is {batch.ExternalBlockHash.Length} bytes, not {BlockHash.Size}.");
        }

        var instructions = batch.Instructions.Select((instruction, index) => ToSerai(instruction, batch.Id, index)).ToList();
        return new Batch(network, batch.Id, new BlockHash(SeraiBlockOrder(network, batch.ExternalBlockHash.Span)), instructions);
    }

    /// <summary>The contract's Batch for <paramref name="batch"/> (instructions without origins).</summary>
    public static ContractBatch FromSerai(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var contract = new ContractBatch
        {
            Network = FromSerai(batch.Network),
            Id = batch.Id,
            ExternalBlockHash = ByteString.CopyFrom(SeraiBlockOrder(batch.Network, batch.Block.Span)),
        };
        contract.Instructions.AddRange(batch.Instructions.Select(i => new ContractInstruction
        {
            Coin = FromSerai(i.Balance.Coin),
            Amount = i.Balance.Amount.Value,
            Instruction = ByteString.CopyFrom(i.Instruction.Encode()),
        }));
        return contract;
    }

    /// <summary>Serai's <c>Batch.block</c> for an external block hash in the network's own byte order (as the contracts carry it).</summary>
    public static BlockHash ToSeraiBlock(ContractNetworkId network, ReadOnlySpan<byte> externalBlockHash) =>
        new(SeraiBlockOrder(ToSerai(network), externalBlockHash));

    public static NetworkId ToSerai(ContractNetworkId network) => network switch
    {
        ContractNetworkId.Bitcoin => NetworkId.Bitcoin,
        ContractNetworkId.Monero => NetworkId.Monero,
        _ => throw new FormatException($"Network {network} has no Serai NetworkId."),
    };

    public static ContractNetworkId FromSerai(NetworkId network) => network switch
    {
        NetworkId.Bitcoin => ContractNetworkId.Bitcoin,
        NetworkId.Monero => ContractNetworkId.Monero,
        _ => throw new FormatException($"Serai network {network} is not in the contracts."),
    };

    public static Coin ToSerai(ContractCoin coin) => coin switch
    {
        ContractCoin.Bitcoin => Coin.Bitcoin,
        ContractCoin.Monero => Coin.Monero,
        _ => throw new FormatException($"Coin {coin} has no Serai Coin."),
    };

    public static ContractCoin FromSerai(Coin coin) => coin switch
    {
        Coin.Bitcoin => ContractCoin.Bitcoin,
        Coin.Monero => ContractCoin.Monero,
        _ => throw new FormatException($"Serai coin {coin} is not in the contracts."),
    };

    private static InInstructionWithBalance ToSerai(ContractInstruction instruction, uint batchId, int index)
    {
        try
        {
            return new InInstructionWithBalance(
                InInstruction.Decode(instruction.Instruction.Span), new Balance(ToSerai(instruction.Coin), new Amount(instruction.Amount)));
        }
        catch (FormatException e)
        {
            throw new FormatException($"Batch {batchId}, instruction {index}: {e.Message}", e);
        }
    }

    // Bitcoin's hashes are byte-reversed between the wire (contracts) and Serai's Batch; the reversal is its own inverse.
    private static byte[] SeraiBlockOrder(NetworkId network, ReadOnlySpan<byte> hash)
    {
        var bytes = hash.ToArray();
        if (network == NetworkId.Bitcoin)
        {
            Array.Reverse(bytes);
        }

        return bytes;
    }
}
