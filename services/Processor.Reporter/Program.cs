using Processor.Contracts;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddProcessorService(ServiceCatalog.Reporter, typeof(Program).Assembly);

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
