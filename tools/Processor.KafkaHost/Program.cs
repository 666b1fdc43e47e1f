using System.Runtime.InteropServices;
using Processor.Embedded.Kafka;
using Processor.KafkaHost;

// Exit codes: 0 = stopped by SIGINT/SIGTERM (or --help), 1 = could not start, 2 = bad arguments.
if (HostArguments.Parse(args, out var exitCode) is not { } arguments)
{
    return exitCode;
}

using var stopping = new CancellationTokenSource();
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);

EmbeddedKafkaCluster cluster;
try
{
    cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions
    {
        BasePort = arguments.Port,
        BrokerCount = arguments.Brokers,
        InitialRebalanceDelay = TimeSpan.FromMilliseconds(arguments.RebalanceDelayMs),
    });
}
catch (Exception e) when (e is InvalidOperationException or DllNotFoundException)
{
    await Console.Error.WriteLineAsync($"error: the embedded Kafka broker did not start: {e.Message}");
    return 1;
}

using (cluster)
{
    EmbeddedKafkaControlServer control;
    try
    {
        control = await EmbeddedKafkaControlServer.StartAsync(cluster, arguments.ControlPort, stopping.Token);
        foreach (var (name, partitions) in arguments.Topics)
        {
            cluster.CreateTopic(name, partitions);
        }
    }
    catch (InvalidOperationException e)
    {
        await Console.Error.WriteLineAsync($"error: {e.Message}");
        return 1;
    }
    catch (OperationCanceledException)
    {
        return 0;
    }

    await using (control)
    {
        await Console.Out.WriteLineAsync($"BOOTSTRAP={cluster.BootstrapServers}");
        await Console.Out.WriteLineAsync($"CONTROL={control.BaseAddress}");
        await Console.Out.FlushAsync();
        await Console.Error.WriteLineAsync(
            $"embedded Kafka: {cluster.BrokerCount} broker(s) on {cluster.BootstrapServers} (librdkafka {LibrdkafkaNative.VersionString} mock, " +
            $"ready in {cluster.StartupTime.TotalMilliseconds:F0} ms), control API {control.BaseAddress}, " +
            $"{arguments.Topics.Count} topic(s) created. In-memory only: stopping loses all data. SIGINT/SIGTERM to stop.");

        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGINT or SIGTERM.
        }

        await Console.Error.WriteLineAsync("embedded Kafka: stopping.");
    }
}

return 0;
