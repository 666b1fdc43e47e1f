using Processor.Contracts;
using Processor.Hosting;

return await ProcessorServiceHost.RunAsync(args, ServiceCatalog.Scanner, typeof(Program).Assembly);
