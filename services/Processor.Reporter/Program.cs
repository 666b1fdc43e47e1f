using Processor.Contracts;
using Processor.Hosting;

return await ProcessorServiceHost.RunAsync(args, ServiceCatalog.Reporter, typeof(Program).Assembly);
