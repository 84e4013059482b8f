using Bottle.Sidecars.Hosting;

return await SidecarHost.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
