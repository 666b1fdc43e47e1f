using System.CommandLine;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Serialization;
using Processor.Bitcoin.Transactions;

namespace Processor.Ctl.Bitcoin;

/// <summary>
/// <c>btc decode-block FILE|-</c> and <c>btc decode-tx FILE|-</c>: hex (as <c>getblock HASH 0</c> or
/// <c>getrawtransaction TXID</c> print it) in, JSON out (<see cref="BlockJson"/>, <see cref="TransactionJson"/>). A block
/// whose merkle root, witness commitment or proof of work does not check out is still printed, with exit code 1.
/// </summary>
internal sealed class DecodeCommand : Command
{
    private readonly What _what;
    private readonly Func<TextReader> _standardInput;
    private readonly Argument<string> _file = new("file") { Description = "File with the hex, or - for standard input" };
    private readonly Option<string> _network = BitcoinCommand.NetworkOption("Network whose address format the outputs are shown in");

    public DecodeCommand(What what, Func<TextReader> standardInput)
        : base(
            what == What.Block ? "decode-block" : "decode-tx",
            what == What.Block
                ? "Decode a block (hex) to JSON and check its merkle root, witness commitment and proof of work."
                : "Decode a transaction (hex) to JSON: txid, wtxid, sizes, inputs, outputs with addresses.")
    {
        _what = what;
        _standardInput = standardInput;
        Arguments.Add(_file);
        Options.Add(_network);
        SetAction(RunAsync);
    }

    internal enum What
    {
        Block,
        Transaction,
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var network = BitcoinNetwork.FromName(parsed.GetValue(_network)!);
        var hex = await CommandInput.ReadFileAsync(parsed.GetValue(_file)!, _standardInput, cancellationToken);
        try
        {
            if (_what == What.Transaction)
            {
                await output.WriteLineAsync(BitcoinJsonContext.Serialize(BitcoinJsonMapper.Transaction(Transaction.ParseHex(hex), network)));
                return 0;
            }

            var block = BitcoinJsonMapper.Block(Block.ParseHex(hex), network);
            await output.WriteLineAsync(BitcoinJsonContext.Serialize(block));
            if (block.MerkleRootValid && block.WitnessCommitment is "valid" or "not-present" && block.ProofOfWorkValid != false)
            {
                return 0;
            }

            await parsed.InvocationConfiguration.Error.WriteLineAsync(
                $"{Cli.Name}: block {block.Hash} does not verify: merkleRootValid={block.MerkleRootValid}, "
                + $"witnessCommitment={block.WitnessCommitment}, proofOfWorkValid={block.ProofOfWorkValid}");
            return 1;
        }
        catch (BitcoinFormatException ex)
        {
            throw new CtlException($"Not a valid {(_what == What.Block ? "block" : "transaction")}: {ex.Message}", ex);
        }
    }
}
