using System.CommandLine;
using Processor.Monero.Addresses;

namespace Processor.Ctl.Monero;

/// <summary>
/// <c>xmr</c>: offline Monero tools for operators and interoperability checks: decode a transaction to JSON, and derive the
/// processor's addresses of a group spend key. Needs no database, broker or node.
/// </summary>
internal sealed class MoneroCommand : Command
{
    /// <param name="standardInput">Where <c>-</c> reads from (the console in production, a string in tests).</param>
    public MoneroCommand(Func<TextReader> standardInput)
        : base("xmr", "Monero tools: decode transactions (hex in, JSON out) and derive the processor's addresses.")
    {
        Subcommands.Add(new MoneroDecodeCommand(standardInput));
        Subcommands.Add(new MoneroAddressesCommand());
    }

    /// <summary>The <c>--network</c> option: mainnet (also regtest), testnet or stagenet.</summary>
    public static Option<MoneroNetwork> NetworkOption()
    {
        var option = new Option<MoneroNetwork>("--network")
        {
            Description = "Network whose address prefixes are used: mainnet (and regtest), testnet or stagenet (default mainnet)",
            HelpName = "name",
            DefaultValueFactory = _ => MoneroNetwork.Mainnet,
            CustomParser = result => result.Tokens.Single().Value.ToLowerInvariant() switch
            {
                "mainnet" or "regtest" => MoneroNetwork.Mainnet,
                "testnet" => MoneroNetwork.Testnet,
                "stagenet" => MoneroNetwork.Stagenet,
                var other => Invalid(result, $"'{other}' is not a Monero network: use mainnet, regtest, testnet or stagenet."),
            },
        };
        return option;
    }

    private static MoneroNetwork Invalid(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }

    /// <summary>Decodes an option's 32-byte hex value and parses it; a rejection becomes a usage error naming the option.</summary>
    public static T Decode32<T>(string value, string option, Func<byte[], T> parse)
    {
        var hex = value.Trim();
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            throw new UsageException($"{option} expects 32 bytes as 64 hexadecimal digits.");
        }

        try
        {
            return parse(Convert.FromHexString(hex));
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{option}: {ex.Message}");
        }
    }
}
