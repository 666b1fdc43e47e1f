using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Processor.Contracts.Coordinator.V1;

namespace Processor.Contracts.Tests;

public partial class SchemaConventionTests
{
    private static readonly IReadOnlyCollection<MessageDescriptor> Messages = MessageTypeRegistry.Default.Descriptors;

    [Fact]
    public void EveryMessage_IsTopLevelInAVersionedProcessorPackageWithTheMatchingNamespace()
    {
        Assert.All(Messages, message =>
        {
            var match = PackagePattern().Match(message.File.Package);
            Assert.True(match.Success, $"{message.FullName}: package {message.File.Package}");
            var domain = match.Groups["domain"].Value;
            var version = match.Groups["version"].Value;

            Assert.Null(message.ContainingType);
            Assert.StartsWith($"processor/{domain}/v{version}/", message.File.Name, StringComparison.Ordinal);
            Assert.Equal(
                $"Processor.Contracts.{char.ToUpperInvariant(domain[0])}{domain[1..]}.V{version}",
                message.ClrType.Namespace);
        });
    }

    [Fact]
    public void NoField_IsNamedAfterSecretMaterial()
    {
        string[] forbidden = ["secret", "private", "nonce", "seed", "entropy", "plaintext", "mnemonic", "password"];

        var offenders = Messages
            .SelectMany(message => message.Fields.InDeclarationOrder())
            .Where(field => forbidden.Any(word => field.Name.Contains(word, StringComparison.Ordinal)))
            .Select(field => field.FullName)
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void KeyGenerationShares_TravelOnlyEncrypted()
    {
        var keyGenFile = GenerateKey.Descriptor.File;

        var shareFields = keyGenFile.MessageTypes
            .Where(message => message != EncryptedShare.Descriptor)
            .SelectMany(message => message.Fields.InDeclarationOrder())
            .Where(field => field.Name.Contains("share", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(shareFields);
        Assert.All(shareFields, field =>
        {
            Assert.Equal(FieldType.Message, field.FieldType);
            Assert.Equal(EncryptedShare.Descriptor, field.MessageType);
        });
        // Inside EncryptedShare the only bytes are the sender's signed round-2 message, whose shares are ciphertexts.
        Assert.Equal(
            ["signed_shares"],
            EncryptedShare.Descriptor.Fields.InDeclarationOrder().Where(field => field.FieldType == FieldType.Bytes).Select(field => field.Name));
    }

    [Fact]
    public void CoordinatorEnvelopes_AreDisjointSetsOfTopLevelMessages()
    {
        var commands = Members(CoordinatorCommand.Descriptor);
        var events = Members(ProcessorEvent.Descriptor);

        Assert.NotEmpty(commands);
        Assert.NotEmpty(events);
        Assert.Empty(commands.Intersect(events));
        Assert.All(commands.Concat(events), message =>
        {
            Assert.Null(message.ContainingType);
            Assert.Equal("processor.coordinator.v1", message.File.Package);
            Assert.True(MessageTypeRegistry.Default.Contains(message.FullName));
        });
    }

    [Fact]
    public void EveryCoordinatorMessage_IsInAnEnvelopeOrPartOfAnEnvelopeMember()
    {
        var members = Members(CoordinatorCommand.Descriptor).Concat(Members(ProcessorEvent.Descriptor)).ToHashSet();
        var reachable = new HashSet<MessageDescriptor>();
        var pending = new Stack<MessageDescriptor>(members);
        while (pending.TryPop(out var message))
        {
            foreach (var field in message.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message))
            {
                if (reachable.Add(field.MessageType))
                {
                    pending.Push(field.MessageType);
                }
            }
        }

        var unaccounted = Messages
            .Where(message => message.File.Package == "processor.coordinator.v1")
            .Where(message => message != CoordinatorCommand.Descriptor && message != ProcessorEvent.Descriptor)
            .Where(message => !members.Contains(message) && !reachable.Contains(message))
            .Select(message => message.FullName)
            .ToList();

        Assert.Empty(unaccounted);
    }

    [Fact]
    public void EnvelopeMember_RoundTripsInsideItsEnvelope()
    {
        var command = new CoordinatorCommand
        {
            SignReattempt = new SignReattempt
            {
                Id = new SignId { Session = 1, Kind = SignKind.Transaction, Id = ByteString.CopyFrom(new byte[32]), Attempt = 2 },
            },
        };

        var parsed = Assert.IsType<CoordinatorCommand>(
            MessageTypeRegistry.Default.Parse(CoordinatorCommand.Descriptor.FullName, command.ToByteArray()));

        Assert.Equal(CoordinatorCommand.CommandOneofCase.SignReattempt, parsed.CommandCase);
        Assert.Equal(2u, parsed.SignReattempt.Id.Attempt);
    }

    private static List<MessageDescriptor> Members(MessageDescriptor envelope) =>
        [.. Assert.Single(envelope.Oneofs).Fields.Select(field => field.MessageType)];

    [GeneratedRegex(@"^processor\.(?<domain>[a-z]+)\.v(?<version>[0-9]+)\z")]
    private static partial Regex PackagePattern();
}
