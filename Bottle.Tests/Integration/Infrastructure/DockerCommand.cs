using System.Diagnostics;

namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>Runs the <c>docker</c> client and captures stdout and stderr separately (tests assert on each).</summary>
internal static class DockerCommand
{
    public static async Task<DockerCommandResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("could not start the docker client");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new DockerCommandResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<DockerCommandResult> RunAsync(params string[] arguments) => RunAsync(arguments, CancellationToken.None);
}
