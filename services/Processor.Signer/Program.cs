using Processor.Contracts;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddProcessorService(ServiceCatalog.Signer, typeof(Program).Assembly);

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
