using Processor.Contracts;
using Processor.Hosting;
using Processor.Scheduler;

return await ServiceProgram.RunAsync(ServiceCatalog.Scheduler.Name, async () =>
{
    var builder = WebApplication.CreateSlimBuilder(ServiceProgram.BuilderOptions(args));
    builder.AddServiceDefaults(ServiceCatalog.Scheduler.HealthPort);
    builder.AddScheduler();

    await using var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
