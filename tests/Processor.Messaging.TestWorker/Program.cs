using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Messaging.Diagnostics;
using Processor.Messaging.TestWorker;

var builder = Host.CreateApplicationBuilder(args);
var settings = builder.Configuration.GetSection("Worker").Get<WorkerSettings>()
    ?? throw new InvalidOperationException("Worker settings are missing");
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<IMessagingObserver>(new CrashPoints(settings));
builder.AddProcessorMessaging("worker").AddWorkerRole(settings);

using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine("READY");
Console.Out.Flush();
await host.WaitForShutdownAsync();
