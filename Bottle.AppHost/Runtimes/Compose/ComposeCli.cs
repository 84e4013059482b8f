using System.Diagnostics;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// The Compose client for one project: <c>docker compose</c> (v2) when the Docker client has the plugin,
/// else <c>docker-compose</c> (v1). Which one is found once per process; every call names the project and
/// its file explicitly (<c>-p</c>, <c>-f</c>), so the caller's folder never matters.
/// </summary>
/// <param name="projectName">The Compose project name, <c>bottle-&lt;slug&gt;</c>.</param>
/// <param name="composeFile">The rendered <c>docker-compose.yml</c>.</param>
public sealed class ComposeCli(string projectName, string composeFile)
{
    private static readonly Lazy<Task<ComposeFlavor>> Detected = new(DetectAsync);

    /// <summary>The Compose project name.</summary>
    public string ProjectName { get; } = projectName;

    /// <summary>The Compose file.</summary>
    public string ComposeFile { get; } = composeFile;

    /// <summary>Which Compose this machine has (v2 preferred); throws when it has neither.</summary>
    public static Task<ComposeFlavor> DetectFlavorAsync() => Detected.Value;

    /// <summary>Runs <c>compose -p P -f F &lt;arguments&gt;</c> and captures its output.</summary>
    public async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (program, argv) = await CommandLineAsync(arguments);
        return await DockerCli.RunProgramAsync(program, argv, cancellationToken);
    }

    /// <summary>Starts a long-running Compose command (e.g. <c>logs -f</c>) whose output the caller reads.</summary>
    public async Task<Process> StartAsync(IEnumerable<string> arguments)
    {
        var (program, argv) = await CommandLineAsync(arguments);
        return DockerCli.Start(program, argv, redirectStdin: true);
    }

    private async Task<(string Program, List<string> Arguments)> CommandLineAsync(IEnumerable<string> arguments)
    {
        var flavor = await DetectFlavorAsync();
        List<string> argv = flavor == ComposeFlavor.V2 ? ["compose"] : [];
        argv.AddRange(["--project-name", ProjectName, "--file", ComposeFile]);
        argv.AddRange(arguments);
        return (flavor == ComposeFlavor.V2 ? DockerCli.Docker : "docker-compose", argv);
    }

    private static async Task<ComposeFlavor> DetectAsync()
    {
        if (await AnswersAsync(DockerCli.Docker, ["compose", "version"]))
        {
            return ComposeFlavor.V2;
        }

        if (await AnswersAsync("docker-compose", ["version"]))
        {
            return ComposeFlavor.V1;
        }

        throw new InvalidOperationException(
            "neither 'docker compose' (v2) nor 'docker-compose' (v1) works on this machine; install one (eng/install-docker.sh)");
    }

    private static async Task<bool> AnswersAsync(string program, string[] arguments)
    {
        try
        {
            return (await DockerCli.RunProgramAsync(program, arguments, CancellationToken.None)).Succeeded;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
