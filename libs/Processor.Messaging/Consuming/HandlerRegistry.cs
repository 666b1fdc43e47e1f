using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Processor.Messaging.Consuming;

/// <summary>Runs the handler registered for one message type.</summary>
public sealed class HandlerBinding
{
    private readonly Func<IServiceProvider, IMessage, HandlerContext, CancellationToken, ValueTask<HandleOutcome>> _invoke;

    private HandlerBinding(
        MessageParser parser,
        Func<IServiceProvider, IMessage, HandlerContext, CancellationToken, ValueTask<HandleOutcome>> invoke)
    {
        Parser = parser;
        _invoke = invoke;
    }

    public MessageParser Parser { get; }

    public static HandlerBinding For<TMessage, THandler>()
        where TMessage : IMessage<TMessage>, new()
        where THandler : IMessageHandler<TMessage> =>
        new(
            new MessageParser<TMessage>(() => new TMessage()),
            (services, message, context, ct) =>
                services.GetRequiredService<THandler>().HandleAsync((TMessage)message, context, ct));

    public ValueTask<HandleOutcome> InvokeAsync(
        IServiceProvider services, IMessage message, HandlerContext context, CancellationToken cancellationToken) =>
        _invoke(services, message, context, cancellationToken);
}

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
        where THandler : IMessageHandler<TMessage>
    {
        var fullName = new TMessage().Descriptor.FullName;
        if (!_bindings.TryAdd(fullName, HandlerBinding.For<TMessage, THandler>()))
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
