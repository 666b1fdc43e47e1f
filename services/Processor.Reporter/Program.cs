using Processor.Contracts;
using Processor.Hosting;
using Processor.Reporter;

return await ServiceProgram.RunAsync(ServiceCatalog.Reporter.Name, async () =>
{
    var builder = WebApplication.CreateSlimBuilder(ServiceProgram.BuilderOptions(args));
    builder.AddServiceDefaults(ServiceCatalog.Reporter.HealthPort);
    builder.AddReporter();

    await using var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
