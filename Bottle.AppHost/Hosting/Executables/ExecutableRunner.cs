using System.ComponentModel;
using System.Diagnostics;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;
using Microsoft.Extensions.Options;

namespace Bottle.AppHost.Hosting.Executables;

/// <summary>
/// Runs <see cref="ExecutableResource"/>s as local processes: stdout and stderr lines go to the resource's
/// log (stderr flagged); stop is SIGTERM to the process group, then SIGKILL after the grace period.
/// </summary>
internal sealed class ExecutableRunner(
    ResourceLoggerService logs,
    TimeProvider timeProvider,
    IOptions<BottleHostingOptions> options) : IResourceRunner
{
    private const string SetsidPath = "/usr/bin/setsid";

    public string ResourceType => "Executable";

    public bool CanRun(IResource resource) => resource is ExecutableResource;

    public Task<IRunningResource> StartAsync(ResourceStartContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var executable = (ExecutableResource)context.Resource;
        if (!Directory.Exists(executable.WorkingDirectory))
        {
            throw new BottleApplicationException(
                $"Working directory '{executable.WorkingDirectory}' of resource '{executable.Name}' does not exist.");
        }

        var program = ResolveProgram(executable.Command, executable.WorkingDirectory)
            ?? throw new BottleApplicationException(
                $"Command '{executable.Command}' of resource '{executable.Name}' was not found (not a file, and not on PATH).");

        var ownsProcessGroup = !OperatingSystem.IsWindows() && File.Exists(SetsidPath);
        var startInfo = new ProcessStartInfo(ownsProcessGroup ? SetsidPath : program)
        {
            WorkingDirectory = executable.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A resource must not read the app host's terminal; it gets an empty stdin instead.
            RedirectStandardInput = true,
        };
        if (ownsProcessGroup)
        {
            startInfo.ArgumentList.Add(program);
        }

        foreach (var argument in executable.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in context.EnvironmentVariables)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => WriteLine(executable.Name, e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => WriteLine(executable.Name, e.Data, isError: true);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new BottleApplicationException($"Could not start '{program}' for resource '{executable.Name}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        IRunningResource run = new ExecutableRun(process, ownsProcessGroup, options.Value.StopGracePeriod, timeProvider);
        return Task.FromResult(run);
    }

    private void WriteLine(string resourceName, string? line, bool isError)
    {
        // A null line marks the end of the stream, not an empty line.
        if (line is not null)
        {
            logs.WriteLine(resourceName, line, isError);
        }
    }

    /// <summary>The full path of <paramref name="command"/>: itself when it names a file, else the first match on PATH.</summary>
    private static string? ResolveProgram(string command, string workingDirectory)
    {
        if (command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(command, workingDirectory);
            return File.Exists(path) ? path : null;
        }

        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "";
        return searchPath
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
    }
}
