using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Processor.Messaging.DependencyInjection;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Messaging.TestWorker;

/// <summary>The worker's roles (setting <c>Worker:Role</c>) and the handlers each one registers.</summary>
public static class WorkerRoles
{
    public const string Counter = "counter";

    public const string Downstream = "downstream";

    /// <summary>Registers the role's handler, its migrations (both roles share them) and its input topic.</summary>
    public static MessagingBuilder AddWorkerRole(this MessagingBuilder messaging, WorkerSettings settings)
    {
        messaging = settings.Role switch
        {
            Counter => messaging.AddCounterLedger().AddBatchHandler<CounterIncremented, CounterIncrementedHandler>().AddKnownTypes([CounterChanged.Descriptor]),
            Downstream => messaging.AddHandler<CounterChanged, CounterChangedHandler>().AddKnownTypes([CounterIncremented.Descriptor]),
            _ => throw new InvalidOperationException(
                $"Worker:Role must be '{Counter}' or '{Downstream}', not '{settings.Role}'."),
        };
        return messaging.AddMigrationsFrom(typeof(WorkerRoles).Assembly).ConsumeFrom(settings.InputTopic);
    }

    /// <summary>One <see cref="CounterLedger"/> for the worker's schema: its statement is built once, not per batch.</summary>
    private static MessagingBuilder AddCounterLedger(this MessagingBuilder messaging)
    {
        messaging.Services.AddSingleton(sp => new CounterLedger(sp.GetRequiredService<IOptions<MessagingOptions>>().Value.Schema));
        messaging.Services.AddSingleton<InjectedFaults>();
        return messaging;
    }
}
