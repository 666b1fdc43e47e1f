using Processor.Contracts;
using Processor.Hosting;

return await ServiceProgram.RunAsync(ServiceCatalog.Signer.Name, async () =>
{
    var builder = WebApplication.CreateSlimBuilder(ServiceProgram.BuilderOptions(args));
    builder.AddServiceDefaults(ServiceCatalog.Signer.HealthPort);
    // Until its handlers exist the signer only owns its schema and topics: it consumes nothing, so no offset moves past an input.
    builder.AddServiceMessaging(ServiceCatalog.Signer).AddMigrationsFrom(typeof(Program).Assembly);

    await using var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
