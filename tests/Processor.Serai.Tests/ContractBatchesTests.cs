using Google.Protobuf;
using Processor.Serai.Contracts;
using ContractBatch = Processor.Contracts.Coordinator.V1.Batch;
using ContractCoin = Processor.Contracts.Common.V1.Coin;
using ContractInstruction = Processor.Contracts.Coordinator.V1.InInstruction;
using ContractNetworkId = Processor.Contracts.Common.V1.NetworkId;

namespace Processor.Serai.Tests;

/// <summary>The mapping between the contract's Batch and Serai's, both ways, and its refusals.</summary>
public sealed class ContractBatchesTests
{
    private static readonly byte[] WireBlockHash = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static readonly byte[] TransferTo = [0x00, .. Enumerable.Repeat((byte)0xcc, 32)];

    [Fact]
    public void ToSerai_MapsEveryField()
    {
        var batch = ContractBatches.ToSerai(Contract(TransferTo, [0x01, 0x08, 0xab, 0xcd]));

        Assert.Equal(NetworkId.Bitcoin, batch.Network);
        Assert.Equal(7u, batch.Id);
        Assert.Equal(WireBlockHash.Reverse(), batch.Block.ToArray());
        Assert.Equal(
            [
                new InInstructionWithBalance(new InInstruction.Transfer(new SeraiAddress(TransferTo.AsSpan(1))), new Balance(Coin.Bitcoin, new Amount(1000))),
                new InInstructionWithBalance(new InInstruction.Dex(new Data([0xab, 0xcd])), new Balance(Coin.Bitcoin, new Amount(1000))),
            ],
            batch.Instructions);
    }

    [Fact]
    public void FromSerai_GivesBackTheContractBatch()
    {
        var contract = Contract(TransferTo);

        Assert.Equal(contract, ContractBatches.FromSerai(ContractBatches.ToSerai(contract)));
    }

    [Fact]
    public void MoneroBatch_MapsNetworkAndCoin_AndKeepsTheBlockIdInItsOwnByteOrder()
    {
        var contract = Contract(TransferTo);
        contract.Network = ContractNetworkId.Monero;
        contract.Instructions[0].Coin = ContractCoin.Monero;

        var batch = ContractBatches.ToSerai(contract);

        Assert.Equal((NetworkId.Monero, Coin.Monero), (batch.Network, batch.Instructions[0].Balance.Coin));
        Assert.Equal(WireBlockHash, batch.Block.ToArray());
        Assert.Equal(contract, ContractBatches.FromSerai(batch));
    }

    [Fact]
    public void InstructionWithTrailingBytes_IsRefused()
    {
        var error = Assert.ThrowsAny<FormatException>(() => ContractBatches.ToSerai(Contract([.. TransferTo, 0x00])));

        Assert.Equal("Batch 7, instruction 0: 1 byte(s) left over after the InInstruction at offset 33", error.Message);
    }

    [Fact]
    public void UnspecifiedNetwork_IsRefused()
    {
        var contract = Contract(TransferTo);
        contract.Network = ContractNetworkId.Unspecified;

        var error = Assert.Throws<FormatException>(() => ContractBatches.ToSerai(contract));

        Assert.Equal("Network Unspecified has no Serai NetworkId.", error.Message);
    }

    [Fact]
    public void UnspecifiedCoin_IsRefused()
    {
        var contract = Contract(TransferTo);
        contract.Instructions[0].Coin = ContractCoin.Unspecified;

        var error = Assert.Throws<FormatException>(() => ContractBatches.ToSerai(contract));

        Assert.Equal("Batch 7, instruction 0: Coin Unspecified has no Serai Coin.", error.Message);
    }

    [Fact]
    public void BlockHashNot32Bytes_IsRefused()
    {
        var contract = Contract(TransferTo);
        contract.ExternalBlockHash = ByteString.CopyFrom(new byte[31]);

        var error = Assert.Throws<FormatException>(() => ContractBatches.ToSerai(contract));

        Assert.Equal("Batch 7: external_block_hash is 31 bytes, not 32.", error.Message);
    }

    private static ContractBatch Contract(params byte[][] instructions)
    {
        var batch = new ContractBatch { Network = ContractNetworkId.Bitcoin, Id = 7, ExternalBlockHash = ByteString.CopyFrom(WireBlockHash) };
        batch.Instructions.AddRange(instructions.Select(i =>
            new ContractInstruction { Coin = ContractCoin.Bitcoin, Amount = 1000, Instruction = ByteString.CopyFrom(i) }));
        return batch;
    }
}
