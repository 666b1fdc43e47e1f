using Google.Protobuf;
using Google.Protobuf.Reflection;
using Processor.Contracts.Coordinator.V1;

namespace Processor.Contracts.Tests;

public class MessageTypeRegistryTests
{
    private static readonly MessageTypeRegistry Registry = MessageTypeRegistry.Default;

    public static TheoryData<string> RegisteredTypes() => [.. Registry.FullNames];

    /// <summary>Message types found independently of the registry: every class of the assembly implementing IMessage.</summary>
    private static IEnumerable<MessageDescriptor> GeneratedMessageClasses() =>
        typeof(MessageTypeRegistry).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(type))
            .Select(type => (MessageDescriptor)type.GetProperty("Descriptor")!.GetValue(null)!);

    [Fact]
    public void GeneratedMessageClasses_AreAllRegisteredAndNothingElse()
    {
        var generated = GeneratedMessageClasses().Select(d => d.FullName).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(generated);
        Assert.Equal(generated, Registry.FullNames);
        Assert.Equal(generated.Count, Registry.Descriptors.Count);
    }

    [Fact]
    public void DefaultRegistry_ContainsEveryMessageOfTheDesign()
    {
        string[] expected =
        [
            // coordinator -> processor
            "processor.coordinator.v1.GenerateKey",
            "processor.coordinator.v1.KeyGenPeerCommitments",
            "processor.coordinator.v1.KeyGenPeerShares",
            "processor.coordinator.v1.VerifyBlame",
            "processor.coordinator.v1.ConfirmKeyPair",
            "processor.coordinator.v1.SignPeerPreprocesses",
            "processor.coordinator.v1.SignPeerShares",
            "processor.coordinator.v1.SignReattempt",
            "processor.coordinator.v1.SubstrateBlock",
            // processor -> coordinator
            "processor.coordinator.v1.KeyGenCommitments",
            "processor.coordinator.v1.KeyGenShares",
            "processor.coordinator.v1.GeneratedKeyPair",
            "processor.coordinator.v1.InvalidCommitments",
            "processor.coordinator.v1.InvalidShare",
            "processor.coordinator.v1.Blame",
            "processor.coordinator.v1.SignPreprocess",
            "processor.coordinator.v1.SignShare",
            "processor.coordinator.v1.InvalidParticipant",
            "processor.coordinator.v1.Batch",
            "processor.coordinator.v1.SignedBatch",
            "processor.coordinator.v1.SubstrateBlockAcknowledged",
            "processor.coordinator.v1.PlanStatus",
            "processor.coordinator.v1.PlanCompleted",
            "processor.coordinator.v1.PaymentDropped",
            // internal events
            "processor.scanner.v1.ScannedBlock",
            "processor.scanner.v1.ReorgDetected",
            "processor.signer.v1.KeyGenerated",
            "processor.signer.v1.KeyActivated",
            "processor.signer.v1.BatchSigned",
            "processor.signer.v1.TransactionSigned",
            "processor.reporter.v1.BatchSignRequested",
            "processor.reporter.v1.OutputsAcknowledged",
            "processor.scheduler.v1.PlanCreated",
        ];

        Assert.All(expected, name => Assert.True(Registry.Contains(name), $"{name} is not registered"));
    }

    [Fact]
    public void DefaultRegistry_DoesNotContainDependenciesOfTheSchemas()
    {
        Assert.False(Registry.Contains("google.protobuf.Timestamp"));
        Assert.All(Registry.FullNames, name => Assert.StartsWith("processor.", name, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RegisteredTypes))]
    public void PopulatedMessage_RoundTripsThroughParse(string fullName)
    {
        var descriptor = Registry.GetDescriptor(fullName);
        var original = MessageSamples.Populated(descriptor);
        var bytes = original.ToByteArray();

        var parsed = Registry.Parse(fullName, bytes);

        Assert.NotEmpty(bytes);
        Assert.IsType(descriptor.ClrType, parsed);
        Assert.Equal(original, parsed);
        Assert.Equal(fullName, MessageTypeRegistry.FullNameOf(parsed));
        Assert.True(Registry.TryGetParser(fullName, out var parser));
        Assert.Equal(original, parser.ParseFrom(bytes));
    }

    [Theory]
    [MemberData(nameof(RegisteredTypes))]
    public void EmptyPayload_ParsesAsDefaultMessage(string fullName)
    {
        var parsed = Registry.Parse(fullName, ReadOnlySpan<byte>.Empty);

        Assert.Equal(0, parsed.CalculateSize());
    }

    [Fact]
    public void Parse_OfRealMessage_KeepsTheFieldValues()
    {
        var command = new GenerateKey { Session = 3, Attempt = 1, Threshold = 2, ParticipantCount = 3, OurParticipant = 2 };
        command.Participants.Add(new DkgParticipant { Participant = 1, IdentityKey = ByteString.CopyFrom(new byte[32]) });

        var parsed = Registry.Parse(GenerateKey.Descriptor.FullName, command.ToByteArray());

        var generateKey = Assert.IsType<GenerateKey>(parsed);
        Assert.Equal(3u, generateKey.Session);
        Assert.Equal(2u, generateKey.OurParticipant);
        Assert.Single(generateKey.Participants);
    }

    [Theory]
    [InlineData("processor.coordinator.v1.DoesNotExist")]
    [InlineData("processor.coordinator.v1.generatekey")]
    [InlineData("GenerateKey")]
    [InlineData("google.protobuf.Timestamp")]
    [InlineData("")]
    public void UnknownTypeName_IsRefusedWithUnknownMessageTypeException(string fullName)
    {
        Assert.False(Registry.Contains(fullName));
        Assert.False(Registry.TryGetParser(fullName, out var parser));
        Assert.Null(parser);

        var ex = Assert.Throws<UnknownMessageTypeException>(() => Registry.Parse(fullName, new byte[] { 0x08, 0x01 }));

        Assert.Equal(fullName, ex.MessageType);
        Assert.Contains($"'{fullName}'", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<MessageDecodingException>(ex);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })] // field number 0 is invalid
    [InlineData(new byte[] { 0x0A, 0x05, 0x01 })] // length-delimited field 1 claims 5 bytes, has 1
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // varint longer than 10 bytes
    [InlineData(new byte[] { 0x0F })] // wire type 7 does not exist
    public void GarbageBytes_AreRefusedWithMalformedMessageException(byte[] garbage)
    {
        var fullName = SubstrateBlock.Descriptor.FullName;

        var ex = Assert.Throws<MalformedMessageException>(() => Registry.Parse(fullName, garbage));

        Assert.IsType<InvalidProtocolBufferException>(ex.InnerException);
        Assert.Equal(fullName, ex.MessageType);
        Assert.Contains(fullName, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RegisteredTypes))]
    public void InvalidTag_IsRefusedForEveryType(string fullName)
    {
        var ex = Assert.Throws<MalformedMessageException>(() => Registry.Parse(fullName, new byte[] { 0x00, 0x00 }));

        Assert.IsType<InvalidProtocolBufferException>(ex.InnerException);
    }

    [Fact]
    public void FileDefinedTwice_IsRefused()
    {
        var file = GenerateKey.Descriptor.File;

        var ex = Assert.Throws<ArgumentException>(() => new MessageTypeRegistry([file, file]));

        Assert.Contains("defined twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryFromChosenFiles_ContainsOnlyTheirMessages()
    {
        var registry = new MessageTypeRegistry([SubstrateBlock.Descriptor.File]);

        Assert.Equal(
            ["processor.coordinator.v1.ConfirmKeyPair", "processor.coordinator.v1.SubstrateBlock",
                "processor.coordinator.v1.SubstrateBlockAcknowledged"],
            registry.FullNames);
        Assert.Throws<UnknownMessageTypeException>(() => registry.Parse(GenerateKey.Descriptor.FullName, []));
    }
}
