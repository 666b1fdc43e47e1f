using Processor.Contracts;
using Processor.Hosting;
using Processor.Scanner;

return await ServiceProgram.RunAsync(ServiceCatalog.Scanner.Name, async () =>
{
    var builder = WebApplication.CreateSlimBuilder(ServiceProgram.BuilderOptions(args));
    builder.AddServiceDefaults(ServiceCatalog.Scanner.HealthPort);
    builder.AddScanner();

    await using var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
