using Bottle.Agent.Shim;

// bottle-agent [options] -- command [args...]: see ShimCommandLine.Usage and ShimExitCodes.
if (OperatingSystem.IsWindows())
{
    // It passes POSIX signals to the agent's command (SIGWINCH has no Windows twin): Linux containers and microVMs only.
    await Console.Error.WriteLineAsync("bottle-agent: runs inside Linux bottles only");
    return ShimExitCodes.ShimFailed;
}

return await new ShimRunner(TimeProvider.System, Console.Error).RunAsync(args, CancellationToken.None);
