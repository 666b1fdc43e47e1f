using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Messaging.Envelopes;
using Processor.Serai;
using Coin = Processor.Contracts.Common.V1.Coin;
using NetworkId = Processor.Contracts.Common.V1.NetworkId;

namespace Processor.Reporter.Tests.Support;

/// <summary>
/// ScannedBlock parts as the scanner writes them for a made-up chain: block hashes and times follow from the height, and each
/// part has the id the scanner's natural key gives it, so the same part built twice is the same event.
/// </summary>
internal static class ScannedChain
{
    public static readonly DateTimeOffset Genesis = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Hash(long height) => SHA256.HashData(BitConverter.GetBytes(height));

    public static DateTimeOffset MedianTime(long height) => Genesis.AddMinutes(10 * height);

    public static Key KeyOf(int session) => new(session, SHA256.HashData([1, (byte)session]), SHA256.HashData([2, (byte)session]));

    /// <summary>A block's own part (the only one: no eventualities here).</summary>
    public static (Guid, IMessage) Own(long height) => (Id($"block/{height}"), Identity(height, 0, 1));

    /// <summary>A key's part of a block: its marker when it activates there, and its outputs.</summary>
    public static (Guid, IMessage) OfKey(long height, Key key, bool activates, IEnumerable<Output> outputs, int part = 0, int partCount = 1)
    {
        var scanned = Identity(height, part, partCount);
        scanned.KeySession = (uint)key.Session;
        if (activates)
        {
            scanned.ActivatedKeys.Add(new KeyMarker { Session = (uint)key.Session, KeyPair = key.Pair });
        }

        var list = outputs.ToList();
        if (list.Count > 0)
        {
            var keyOutputs = new KeyOutputs { Session = (uint)key.Session, NetworkKey = key.Pair.NetworkKey };
            keyOutputs.Outputs.AddRange(list);
            scanned.Outputs.Add(keyOutputs);
        }

        return (Id($"block/{height}/key/{key.Session}/part/{part}"), scanned);
    }

    /// <summary>An External output carrying <paramref name="data"/>, from a sender whose presumed origin is <paramref name="origin"/>.</summary>
    public static Output External(byte txid, ulong amount, byte[] data, byte[]? origin = null, uint vout = 0) => new()
    {
        Id = new OutputId { Txid = ByteString.CopyFrom(Txid(txid)), Vout = vout },
        Kind = OutputKind.External,
        Coin = Coin.Bitcoin,
        Amount = amount,
        Script = ByteString.CopyFrom([0x51, 0x20, .. new byte[32]]),
        Instruction = ByteString.CopyFrom(data),
        Origin = ByteString.CopyFrom(origin ?? []),
    };

    public static Output Change(byte txid, ulong amount) => new()
    {
        Id = new OutputId { Txid = ByteString.CopyFrom(Txid(txid)), Vout = 1 },
        Kind = OutputKind.Change,
        Coin = Coin.Bitcoin,
        Amount = amount,
        Script = ByteString.CopyFrom([0x51, 0x20, .. new byte[32]]),
    };

    public static byte[] Txid(byte seed) => SHA256.HashData([3, seed]);

    /// <summary>A transfer to <paramref name="account"/> as a user attaches it: <c>Raw(no origin, Transfer(account))</c>.</summary>
    public static byte[] Transfer(byte account) =>
        new Shorthand.Raw(new RefundableInInstruction(null, new InInstruction.Transfer(Account(account)))).Encode();

    public static SeraiAddress Account(byte account) => new(Enumerable.Repeat(account, 32).ToArray());

    /// <summary>A P2PKH address as Serai's ExternalAddress bytes.</summary>
    public static byte[] P2pkh(byte seed) => [0, .. Enumerable.Repeat(seed, 20)];

    private static ScannedBlock Identity(long height, int part, int partCount) => new()
    {
        Network = NetworkId.Bitcoin,
        Height = (ulong)height,
        Hash = ByteString.CopyFrom(Hash(height)),
        ParentHash = ByteString.CopyFrom(Hash(height - 1)),
        Time = Timestamp.FromDateTimeOffset(MedianTime(height)),
        MedianTime = Timestamp.FromDateTimeOffset(MedianTime(height)),
        Part = (uint)part,
        PartCount = (uint)partCount,
    };

    private static Guid Id(string name) => EventIds.FromName($"scanner/bitcoin/{name}");

    /// <summary>A key the scanner activates.</summary>
    public sealed record Key(int Session, byte[] SubstrateKey, byte[] NetworkKey)
    {
        public Contracts.Common.V1.KeyPair Pair => new() { SubstrateKey = ByteString.CopyFrom(SubstrateKey), NetworkKey = ByteString.CopyFrom(NetworkKey) };
    }
}
