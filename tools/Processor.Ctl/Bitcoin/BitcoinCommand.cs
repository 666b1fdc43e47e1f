using System.CommandLine;
using Processor.Bitcoin.Networks;

namespace Processor.Ctl.Bitcoin;

/// <summary>
/// <c>btc</c>: offline Bitcoin tools for operators and interoperability checks: decode blocks and transactions to JSON,
/// and derive the processor's addresses. Needs no database, broker or node.
/// </summary>
internal sealed class BitcoinCommand : Command
{
    /// <param name="standardInput">Where <c>-</c> reads from (the console in production, a string in tests).</param>
    public BitcoinCommand(Func<TextReader> standardInput)
        : base("btc", "Bitcoin tools: decode blocks and transactions (hex in, JSON out) and derive the processor's addresses.")
    {
        Subcommands.Add(new DecodeCommand(DecodeCommand.What.Block, standardInput));
        Subcommands.Add(new DecodeCommand(DecodeCommand.What.Transaction, standardInput));
        Subcommands.Add(new AddressCommand());
    }

    /// <summary>The <c>--network</c> option: a built-in network name.</summary>
    public static Option<string> NetworkOption(string purpose)
    {
        var option = new Option<string>("--network")
        {
            Description = $"{purpose} (default {BitcoinNetwork.Mainnet.Name})",
            HelpName = "name",
            DefaultValueFactory = _ => BitcoinNetwork.Mainnet.Name,
        };
        option.AcceptOnlyFromAmong([.. BitcoinNetwork.BuiltIn.Select(n => n.Name)]);
        return option;
    }
}
