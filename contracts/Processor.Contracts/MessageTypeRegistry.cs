using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Processor.Contracts;

/// <summary>
/// Maps the Protobuf full name of every message type defined in <c>schemas/</c> (the value of the
/// <see cref="MessageHeaders.EventType"/> header, e.g. <c>processor.coordinator.v1.GenerateKey</c>) to its
/// descriptor and parser, so that a consumer can turn a record's bytes back into a message.
/// </summary>
/// <remarks>
/// <see cref="Default"/> is built from the file descriptors that protoc generated into this assembly (every
/// <c>*Reflection</c> class), so a message added to a <c>.proto</c> file is registered without anything to
/// maintain by hand. Instances are immutable and thread-safe.
/// </remarks>
public sealed class MessageTypeRegistry
{
    private const string GeneratedNamespacePrefix = "Processor.Contracts.";

    private readonly FrozenDictionary<string, MessageDescriptor> _descriptors;

    /// <summary>Creates a registry of the messages (including nested ones) defined in <paramref name="files"/>.</summary>
    /// <exception cref="ArgumentException">Two files define a message with the same full name.</exception>
    public MessageTypeRegistry(IEnumerable<FileDescriptor> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var descriptors = new Dictionary<string, MessageDescriptor>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var message in file.MessageTypes)
            {
                Add(descriptors, message);
            }
        }

        _descriptors = descriptors.ToFrozenDictionary(StringComparer.Ordinal);
        FullNames = [.. _descriptors.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The registry of every message generated from <c>schemas/</c> into this assembly.</summary>
    public static MessageTypeRegistry Default { get; } = new(GeneratedFiles(typeof(MessageTypeRegistry).Assembly));

    /// <summary>The full names of all registered message types, in ordinal order.</summary>
    public IReadOnlyCollection<string> FullNames { get; }

    /// <summary>The descriptors of all registered message types.</summary>
    public IReadOnlyCollection<MessageDescriptor> Descriptors => _descriptors.Values;

    /// <summary>The full name under which <paramref name="message"/>'s type is registered (its <c>Descriptor.FullName</c>).</summary>
    public static string FullNameOf(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Descriptor.FullName;
    }

    /// <summary>Whether a message type with this full name is registered.</summary>
    public bool Contains(string fullName) => fullName is not null && _descriptors.ContainsKey(fullName);

    /// <summary>Finds the parser of the message type named <paramref name="fullName"/>.</summary>
    public bool TryGetParser(string fullName, [NotNullWhen(true)] out MessageParser? parser)
    {
        if (TryGetDescriptor(fullName, out var descriptor))
        {
            parser = descriptor.Parser;
            return true;
        }

        parser = null;
        return false;
    }

    /// <summary>Finds the descriptor of the message type named <paramref name="fullName"/>.</summary>
    public bool TryGetDescriptor(string fullName, [NotNullWhen(true)] out MessageDescriptor? descriptor)
    {
        if (fullName is null)
        {
            descriptor = null;
            return false;
        }

        return _descriptors.TryGetValue(fullName, out descriptor);
    }

    /// <summary>The descriptor of the message type named <paramref name="fullName"/>.</summary>
    /// <exception cref="UnknownMessageTypeException">No such message type is registered.</exception>
    public MessageDescriptor GetDescriptor(string fullName) =>
        TryGetDescriptor(fullName, out var descriptor) ? descriptor : throw Unknown(fullName);

    /// <summary>Parses <paramref name="data"/> as a message of the type named <paramref name="fullName"/>.</summary>
    /// <exception cref="UnknownMessageTypeException">No such message type is registered.</exception>
    /// <exception cref="MalformedMessageException">
    /// The bytes are not a valid encoding of that type; the <see cref="InvalidProtocolBufferException"/> is the inner exception.
    /// </exception>
    public IMessage Parse(string fullName, ReadOnlySpan<byte> data)
    {
        var descriptor = GetDescriptor(fullName);
        try
        {
            return descriptor.Parser.ParseFrom(data);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new MalformedMessageException(
                $"The {data.Length}-byte payload is not a valid '{fullName}' message: {ex.Message}", ex)
            {
                MessageType = fullName,
            };
        }
    }

    private static UnknownMessageTypeException Unknown(string? fullName) =>
        new($"Unknown message type '{fullName}': it is not defined in schemas/ (or this build of Processor.Contracts is older " +
            "than the producer's).")
        {
            MessageType = fullName,
        };

    private static void Add(Dictionary<string, MessageDescriptor> descriptors, MessageDescriptor message)
    {
        if (message.IsMapEntry)
        {
            return;
        }

        if (!descriptors.TryAdd(message.FullName, message))
        {
            throw new ArgumentException($"Message type '{message.FullName}' is defined twice.", nameof(descriptors));
        }

        foreach (var nested in message.NestedTypes)
        {
            Add(descriptors, nested);
        }
    }

    /// <summary>The file descriptors of the <c>*Reflection</c> classes protoc generated into <paramref name="assembly"/>.</summary>
    private static IEnumerable<FileDescriptor> GeneratedFiles(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: true, IsSealed: true, IsPublic: true }
                && type.Namespace?.StartsWith(GeneratedNamespacePrefix, StringComparison.Ordinal) == true
                && type.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .OrderBy(file => file.Name, StringComparer.Ordinal);
}
