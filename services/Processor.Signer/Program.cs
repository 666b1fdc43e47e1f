using Processor.Contracts;
using Processor.Hosting;
using Processor.Signer;

return await ServiceProgram.RunAsync(ServiceCatalog.Signer.Name, async () =>
{
    var builder = WebApplication.CreateSlimBuilder(ServiceProgram.BuilderOptions(args));
    builder.AddServiceDefaults(ServiceCatalog.Signer.HealthPort);
    builder.AddSigner();

    await using var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
