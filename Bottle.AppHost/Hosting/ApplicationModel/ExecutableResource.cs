using System.Collections.Immutable;

namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>
/// A local process: <see cref="Command"/> with <see cref="Arguments"/> in <see cref="WorkingDirectory"/>.
/// It inherits the app host's environment plus what its <see cref="EnvironmentCallbackAnnotation"/>s add
/// (as Aspire's executables do). Used by tests and the local developer mode.
/// </summary>
public class ExecutableResource : Resource, IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithWaitSupport
{
    /// <summary>Creates an executable resource.</summary>
    /// <param name="name">Resource name (see <see cref="Resource"/> for the rule).</param>
    /// <param name="command">The program: a path, or a name looked up on PATH.</param>
    /// <param name="workingDirectory">The directory the process starts in.</param>
    /// <param name="arguments">The arguments, passed as-is (no shell splitting).</param>
    public ExecutableResource(string name, string command, string workingDirectory, IEnumerable<string>? arguments = null)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        Command = command;
        WorkingDirectory = workingDirectory;
        Arguments = arguments is null ? [] : [.. arguments];
    }

    /// <summary>The program: a path, or a name looked up on PATH.</summary>
    public string Command { get; }

    /// <summary>The directory the process starts in.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The arguments, passed as-is.</summary>
    public ImmutableArray<string> Arguments { get; }
}
