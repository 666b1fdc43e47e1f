using Microsoft.Extensions.Hosting;
using Processor.Testing;

namespace Processor.Scanner.Tests.Handlers;

/// <summary>The scanner as its Program registers it (Bitcoin plug-in), on a fresh schema, for in-process handler tests.</summary>
internal static class ScannerHandlerBed
{
    public static Task<HandlerTestBed> StartAsync() => HandlerTestBed.StartAsync(
        builder => builder.AddScanner(),
        new Dictionary<string, string?>
        {
            ["Processor:Network"] = "bitcoin",
            // Required by the plug-in's options; the handlers only check the form of keys and eventualities, so no node is asked.
            ["Bitcoin:Rpc:Url"] = "http://127.0.0.1:1/",
        },
        TestContext.Current.CancellationToken);
}
