using Processor.Contracts;
using Processor.Hosting;
using Processor.Scanner;

return await ProcessorServiceHost.RunAsync(args, ServiceCatalog.Scanner, typeof(Program).Assembly, (messaging, topics) => messaging.AddScanner(topics));
