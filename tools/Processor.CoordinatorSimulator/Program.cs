using Processor.CoordinatorSimulator.Control;

// Settings come from appsettings.json, SIMULATOR__* environment variables or the command line
// (e.g. --Simulator:BootstrapServers=127.0.0.1:29092 --Simulator:Validators:0:Namespace=validator-1 ...).
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddCoordinatorSimulator();

await using var app = builder.Build();
app.MapSimulatorControl();
await app.RunAsync();
