using Processor.Contracts;
using Processor.Hosting;

return await ProcessorServiceHost.RunAsync(args, ServiceCatalog.Scheduler, typeof(Program).Assembly);
