using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Processor.Contracts.Signer.V1;
using Processor.KeyBook;

namespace Processor.Messaging.DependencyInjection;

public static class KeyBookRegistration
{
    /// <summary>
    /// Adds the key book: the <c>keys</c> table (a migration of the service's schema) and the handlers of <c>KeyGenerated</c>
    /// and <c>KeyActivated</c>. The service still subscribes to <c>signer.keys</c> itself.
    /// </summary>
    public static MessagingBuilder AddKeyBook(this MessagingBuilder messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        messaging.Services.TryAddSingleton<KeyBookStore>();
        return messaging
            .AddMigrationsFrom(typeof(KeyBookStore).Assembly)
            .AddHandler<KeyGenerated, KeyGeneratedHandler>()
            .AddHandler<KeyActivated, KeyActivatedHandler>();
    }
}
