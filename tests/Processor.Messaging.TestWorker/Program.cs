using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Messaging.Diagnostics;
using Processor.Messaging.TestWorker;
using Processor.Messaging.TestWorker.V1;

var builder = Host.CreateApplicationBuilder(args);
var settings = builder.Configuration.GetSection("Worker").Get<WorkerSettings>()
    ?? throw new InvalidOperationException("Worker settings are missing");
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<IMessagingObserver>(new CrashPoints(settings));
builder.AddProcessorMessaging("worker")
    .AddHandler<CounterIncremented, CounterIncrementedHandler>()
    .AddKnownTypes([CounterChanged.Descriptor])
    .AddMigrationsFrom(typeof(CounterIncrementedHandler).Assembly)
    .ConsumeFrom(settings.InputTopic);

using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine("READY");
Console.Out.Flush();
await host.WaitForShutdownAsync();
