using System.CommandLine;
using Processor.Monero.Serialization;
using Processor.Monero.Transactions;

namespace Processor.Ctl.Monero;

/// <summary>
/// <c>xmr decode-tx HEX|FILE|-</c>: a transaction (hex, as <c>get_transactions</c> prints <c>as_hex</c>) in, JSON out
/// (<see cref="MoneroTransactionJson"/>): id, version, inputs with key images and ring members, outputs with keys and view
/// tags, the tx extra fields, RingCT type and fee.
/// </summary>
internal sealed class MoneroDecodeCommand : Command
{
    private readonly Func<TextReader> _standardInput;
    private readonly Argument<string> _transaction = new("transaction") { Description = "The transaction in hex, a file with the hex, or - for standard input" };

    public MoneroDecodeCommand(Func<TextReader> standardInput)
        : base("decode-tx", "Decode a Monero transaction (hex) to JSON: txid, inputs, outputs, extra, RingCT type and fee.")
    {
        _standardInput = standardInput;
        Arguments.Add(_transaction);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var argument = parsed.GetValue(_transaction)!;
        var hex = IsHex(argument) ? argument : await CommandInput.ReadFileAsync(argument, _standardInput, cancellationToken);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            throw new CtlException("Not a valid transaction: the input is not hexadecimal.");
        }

        MoneroTransaction transaction;
        try
        {
            transaction = MoneroTransaction.Parse(bytes);
        }
        catch (MoneroFormatException ex)
        {
            throw new CtlException($"Not a valid transaction: {ex.Message}", ex);
        }

        var json = MoneroTransactionJsonMapper.Transaction(transaction, bytes.Length);
        await parsed.InvocationConfiguration.Output.WriteLineAsync(MoneroJsonContext.Serialize(json).AsMemory(), cancellationToken);
        return 0;
    }

    // A file name that is all hex digits is not worth supporting: such an argument is the transaction itself.
    private static bool IsHex(string argument) => argument.Length > 0 && argument.Length % 2 == 0 && argument.All(Uri.IsHexDigit);
}
