using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Signer.KeyGeneration;
using Processor.Signer.Keys;
using Processor.Signer.Secrets;
using Processor.Signer.SelfTest;

namespace Processor.Signer;

/// <summary>
/// The signer's parts: its messaging (as the catalog defines it) and migrations, its options (the secret key file,
/// checked at start), the configured network's key form and transaction planner, the threshold self-test, the identity key, the key-generation
/// handlers and the signing handlers.
/// </summary>
public static class SignerRegistration
{
    public static IHostApplicationBuilder AddSigner(this IHostApplicationBuilder builder)
    {
        var messaging = builder.AddServiceMessaging(ServiceCatalog.Signer).AddMigrationsFrom(typeof(SignerRegistration).Assembly);
        var services = builder.Services;
        services.AddOptions<SignerOptions>().BindConfiguration(SignerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignerOptions>, SecretKeyFileValidator>();
        services.AddConfiguredNetworkSigning(messaging.Topics!.Network);

        services.AddHostedService<ThresholdSelfTest>();
        services.AddSingleton<StorageKey>();
        services.AddSingleton<SecretSealer>();
        services.AddSingleton<SignerIdentityStore>();
        services.AddHostedService<SignerIdentityStartup>();
        services.AddSingleton<KeyGenerationStore>();
        services.AddSingleton<CurrentCeremonies>();
        services.AddSingleton<CeremonyParticipants>();
        services.AddSingleton<SessionKeyStore>();
        services.AddSingleton<ISessionKeyStore>(sp => sp.GetRequiredService<SessionKeyStore>());
        messaging
            .AddHandler<GenerateKey, GenerateKeyHandler>()
            .AddHandler<KeyGenPeerCommitments, KeyGenPeerCommitmentsHandler>()
            .AddHandler<KeyGenPeerShares, KeyGenPeerSharesHandler>()
            .AddHandler<VerifyBlame, VerifyBlameHandler>()
            .AddHandler<ConfirmKeyPair, ConfirmKeyPairHandler>()
            .AddSigning()
            .ConsumeFrom(ServiceCatalog.Signer.Consumes);
        return builder;
    }
}
