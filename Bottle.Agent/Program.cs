using Bottle.Agent.Shim;

// bottle-agent [options] -- command [args...]: see ShimCommandLine.Usage and ShimExitCodes.
return await new ShimRunner(TimeProvider.System, Console.Error).RunAsync(args, CancellationToken.None);
