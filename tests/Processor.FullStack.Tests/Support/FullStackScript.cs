using System.Security.Cryptography;
using System.Text;
using Processor.Bitcoin.Plugin;
using Processor.Serai;

namespace Processor.FullStack.Tests.Support;

/// <summary>The steps of the full run, in the order it takes them.</summary>
internal enum FlowStep
{
    /// <summary>Serai's scenario, first half: 1.1 coin with a Transfer instruction, until its Batch is signed and executed.</summary>
    SeraiDeposit,

    /// <summary>Serai's scenario, second half: a burn of 1 coin to a P2PKH address, until it is paid and final.</summary>
    SeraiBurn,

    /// <summary>A deposit whose data decodes to nothing, one with a Swap shorthand carrying an origin, and a dust burn.</summary>
    RefundsAndDust,

    /// <summary>595 Transfer deposits in one block: one more than a Batch holds.</summary>
    BatchSplit,

    /// <summary>600 small Transfer deposits in one block: more UTXOs than a plan may spend.</summary>
    Aggregation,

    /// <summary>600 burns in one Serai block: more payments than a plan may make.</summary>
    FanOut,

    /// <summary>
    /// The operator rebuilds validator 1's reporter, then its scheduler, with the whole history behind them (baseline run only;
    /// last, so that a rebuild that goes wrong cannot hide what the other steps show).
    /// </summary>
    Replay,
}

/// <summary>
/// What the full run sends, the same in every run: amounts, and Serai addresses and destinations derived from fixed labels, so
/// two runs can be compared payment by payment.
/// </summary>
internal static class FullStackScript
{
    /// <summary>Serai's scenario: 1.1 coin in, 1 coin burnt, 0.1 coin of change.</summary>
    public const long SeraiDeposit = 110_000_000;

    public const long SeraiBurn = 100_000_000;

    public const long SeraiChange = SeraiDeposit - SeraiBurn;

    /// <summary>Each of the two deposits without a usable instruction.</summary>
    public const long RefundedDeposit = 2_000_000;

    /// <summary>Under the network's dust limit even before any fee.</summary>
    public const long DustBurn = 5_000;

    public const int SplitDeposits = 595;

    public const long SplitDeposit = 50_000;

    public const int AggregatedDeposits = 600;

    public const long AggregatedDeposit = 100_000;

    public const int FanOutBurns = 600;

    public const long FanOutBurn = 100_000;

    /// <summary>The most a payment of the fan-out may lose to its share of the fees.</summary>
    public const long FanOutFeeBound = 20_000;

    /// <summary>The most a refund may lose to its share of the fees.</summary>
    public const long RefundFeeBound = 100_000;

    public static SeraiAddress SeraiRecipient { get; } = new(Derive("serai scenario recipient", SeraiAddress.Size));

    public static SeraiAddress SplitRecipient { get; } = new(Derive("split recipient", SeraiAddress.Size));

    public static SeraiAddress AggregationRecipient { get; } = new(Derive("aggregation recipient", SeraiAddress.Size));

    /// <summary>Serai's scenario's burn destination: a P2PKH address (ExternalAddress bytes).</summary>
    public static byte[] SeraiBurnDestination { get; } = P2pkh("serai scenario burn");

    public static byte[] DustDestination { get; } = P2pkh("dust burn");

    /// <summary>The origin the Swap shorthand names (its coins go back there).</summary>
    public static byte[] SwapOrigin { get; } = P2pkh("swap origin");

    /// <summary>The fan-out's destinations, P2WPKH addresses, one per burn.</summary>
    public static IReadOnlyList<byte[]> FanOutDestinations { get; } =
        [.. Enumerable.Range(0, FanOutBurns).Select(i => (byte[])[2, .. Derive($"fan-out {i}", 20)])];

    /// <summary>Data no Shorthand decodes from: variant 7 does not exist.</summary>
    public static byte[] UndecodableData { get; } = [0x07, 0xde, 0xad, 0xbe, 0xef];

    /// <summary>A Swap shorthand naming <see cref="SwapOrigin"/>: no instruction, so refunded to that origin.</summary>
    public static byte[] SwapData { get; } = new Shorthand.Swap(
        new ExternalAddress(SwapOrigin), Coin.Bitcoin, new Amount(0), new OutInstruction(new ExternalAddress(SeraiBurnDestination), null)).Encode();

    /// <summary>Output data asking Serai to mint the coins to <paramref name="recipient"/> (Raw Transfer, no origin).</summary>
    public static byte[] TransferData(SeraiAddress recipient) =>
        new Shorthand.Raw(new RefundableInInstruction(null, new InInstruction.Transfer(recipient))).Encode();

    /// <summary>SCALE(<c>InInstruction::Transfer(recipient)</c>), as a Batch carries it.</summary>
    public static byte[] TransferInstruction(SeraiAddress recipient) => new InInstruction.Transfer(recipient).Encode();

    /// <summary>The scriptPubKey an ExternalAddress of the script names.</summary>
    public static byte[] ScriptOf(byte[] externalAddress) => SeraiExternalAddress.ToScriptPubKey(externalAddress)!;

    private static byte[] P2pkh(string label) => [0, .. Derive(label, 20)];

    private static byte[] Derive(string label, int length) => SHA256.HashData(Encoding.UTF8.GetBytes("full stack " + label))[..length];
}
