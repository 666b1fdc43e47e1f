using Processor.Contracts;
using Processor.Hosting;

return await ProcessorServiceHost.RunAsync(args, ServiceCatalog.Signer, typeof(Program).Assembly);
