using Processor.Contracts;
using Processor.Hosting;

return await ServiceProgram.RunAsync(ServiceCatalog.Signer.Name, async () =>
{
    var builder = WebApplication.CreateSlimBuilder(ServiceProgram.BuilderOptions(args));
    builder.AddServiceDefaults(ServiceCatalog.Signer.HealthPort);
    var messaging = builder.AddServiceMessaging(ServiceCatalog.Signer).AddMigrationsFrom(typeof(Program).Assembly);
    builder.Services.AddConfiguredNetwork(messaging.Topics!.Network);
    // Signing needs key generation's ISessionKeyStore; consuming starts with key generation's handlers (SignerRegistration).
    messaging.AddSigning();

    await using var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
