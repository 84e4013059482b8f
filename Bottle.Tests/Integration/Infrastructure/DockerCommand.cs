using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>Runs the <c>docker</c> client the way the app host does (<see cref="DockerCli"/>): stdout and stderr apart, since tests assert on each.</summary>
internal static class DockerCommand
{
    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        DockerCli.RunAsync(arguments, cancellationToken);

    public static Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(arguments, CancellationToken.None);
}
