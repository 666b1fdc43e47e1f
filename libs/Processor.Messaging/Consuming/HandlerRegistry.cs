using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Processor.Messaging.Consuming;

/// <summary>
/// The message types a service handles, and the types it knows but leaves to other services (several services share
/// the coordinator's command topic). A record of a type in neither set is poison.
/// </summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<string, HandlerBinding> _bindings = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public void Add<TMessage, THandler>()
        where TMessage : IMessage<TMessage>, new()
        where THandler : IMessageHandler<TMessage> =>
        Add<TMessage>(HandlerBinding.For<TMessage, THandler>());

    public void AddBatch<TMessage, THandler>()
        where TMessage : IMessage<TMessage>, new()
        where THandler : IMessageBatchHandler<TMessage> =>
        Add<TMessage>(HandlerBinding.ForBatch<TMessage, THandler>());

    private void Add<TMessage>(HandlerBinding binding)
        where TMessage : IMessage<TMessage>, new()
    {
        var fullName = new TMessage().Descriptor.FullName;
        if (!_bindings.TryAdd(fullName, binding))
        {
            throw new InvalidOperationException($"A handler for {fullName} is already registered.");
        }

        _known.Add(fullName);
    }

    /// <summary>Declares message types as known (e.g. every type of the system's contracts).</summary>
    public void AddKnownTypes(IEnumerable<MessageDescriptor> descriptors)
    {
        foreach (var descriptor in descriptors)
        {
            _known.Add(descriptor.FullName);
        }
    }

    public bool TryGetBinding(string fullName, out HandlerBinding binding) => _bindings.TryGetValue(fullName, out binding!);

    public bool IsKnown(string fullName) => _known.Contains(fullName);
}
