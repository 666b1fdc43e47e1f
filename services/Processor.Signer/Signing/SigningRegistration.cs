using Microsoft.Extensions.DependencyInjection;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.DependencyInjection;
using Processor.Signer.Signing;
using Processor.Signer.Signing.Handlers;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The signer's threshold signing: Batches (sr25519 FROST) and plan transactions (BIP340 FROST or threshold CLSAG per
/// input) in attempts as Serai's. Needs an <c>ISessionKeyStore</c> (key generation's) and the configured network plug-in.
/// </summary>
public static class SigningRegistration
{
    public static MessagingBuilder AddSigning(this MessagingBuilder messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        var services = messaging.Services;
        services.AddSingleton<AttemptNonces>();
        services.AddSingleton<SigningStore>();
        services.AddSingleton<SigningSubjects>();
        services.AddSingleton<AttemptStarter>();
        services.AddSingleton<ActiveAttempts>();
        services.AddSingleton<Blames>();
        services.AddSingleton<SigningRequests>();
        return messaging
            .AddHandler<BatchSignRequested, BatchSignRequestedHandler>()
            .AddHandler<PlanCreated, PlanCreatedHandler>()
            .AddHandler<SignPeerPreprocesses, SignPeerPreprocessesHandler>()
            .AddHandler<SignPeerShares, SignPeerSharesHandler>()
            .AddHandler<SignReattempt, SignReattemptHandler>();
    }
}
