using Processor.Contracts;
using Processor.Hosting;

return await ServiceProgram.RunAsync(ServiceCatalog.Reporter.Name, async () =>
{
    var builder = WebApplication.CreateSlimBuilder(ServiceProgram.BuilderOptions(args));
    builder.AddServiceDefaults(ServiceCatalog.Reporter.HealthPort);
    // Until its handlers exist the reporter only owns its schema and topics: it consumes nothing, so no offset moves past an input.
    builder.AddServiceMessaging(ServiceCatalog.Reporter).AddMigrationsFrom(typeof(Program).Assembly);

    await using var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
