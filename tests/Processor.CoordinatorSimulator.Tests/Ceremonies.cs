using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>Messages and keys the ceremony tests are made of: what processors would send, with recognisable bytes.</summary>
internal static class Ceremonies
{
    public static readonly KeyPair Pair = new() { SubstrateKey = Bytes(32, 0xAA), NetworkKey = Bytes(32, 0xBB) };

    public static ByteString Bytes(int length, byte value) => ByteString.CopyFrom(Enumerable.Repeat(value, length).ToArray());

    /// <summary>Keys of a session in which validator v holds participant index v.</summary>
    public static GeneratedKeys Keys(int validators, int threshold) =>
        new(7, 0, threshold, Pair, Enumerable.Range(1, validators).ToDictionary(v => v, v => v));

    public static SignId BatchSignId(uint attempt = 0) =>
        new() { Session = 7, Kind = SignKind.Batch, Id = Bytes(32, 0x11), Attempt = attempt };

    public static SignPreprocess Preprocess(int participant, uint attempt = 0) => new()
    {
        Id = BatchSignId(attempt),
        Participant = (uint)participant,
        Preprocesses = { Bytes(64, (byte)participant) },
    };

    public static SignShare Share(int participant, uint attempt = 0) => new()
    {
        Id = BatchSignId(attempt),
        Participant = (uint)participant,
        Shares = { Bytes(32, (byte)(0x40 + participant)) },
    };

    public static IReadOnlyList<KeyGenValidator> Validators(int count) =>
        [.. Enumerable.Range(1, count).Select(v => new KeyGenValidator(v, Bytes(32, (byte)v)))];

    public static KeyGenCommitments Commitments(int participant, uint attempt = 0) => new()
    {
        Session = 7,
        Attempt = attempt,
        Commitments = new ParticipantCommitments
        {
            Participant = (uint)participant,
            Substrate = new DkgCommitment { CoefficientCommitments = { Bytes(32, (byte)participant) }, ProofOfKnowledge = Bytes(64, (byte)participant) },
            Network = new DkgCommitment { CoefficientCommitments = { Bytes(33, (byte)participant) }, ProofOfKnowledge = Bytes(64, (byte)participant) },
        },
    };

    public static KeyGenShares Shares(int sender, int participants, uint attempt = 0) => new()
    {
        Session = 7,
        Attempt = attempt,
        Shares =
        {
            Enumerable.Range(1, participants).Where(r => r != sender).Select(r => new EncryptedShare
            {
                Sender = (uint)sender,
                Recipient = (uint)r,
                SignedShares = Bytes(80, (byte)((sender * 16) + r)),
            }),
        },
    };

    public static GeneratedKeyPair Generated(KeyPair pair, uint attempt = 0) => new() { Session = 7, Attempt = attempt, KeyPair = pair };

    /// <summary>The validators a list of commands goes to, in order.</summary>
    public static int[] Recipients(IEnumerable<AddressedCommand> commands) => [.. commands.Select(c => c.Validator)];
}
