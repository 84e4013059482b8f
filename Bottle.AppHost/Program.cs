using Bottle.AppHost.Cli;

return await BottleCli.RunAsync(args, Console.Out, Console.Error);
