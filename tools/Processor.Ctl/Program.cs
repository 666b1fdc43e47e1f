using Processor.Ctl;

return await Cli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
