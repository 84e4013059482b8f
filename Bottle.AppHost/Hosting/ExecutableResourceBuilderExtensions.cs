using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting;

/// <summary><c>AddExecutable</c>: local processes as resources.</summary>
public static class ExecutableResourceBuilderExtensions
{
    /// <summary>Adds a resource that runs <paramref name="command"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">Resource name.</param>
    /// <param name="command">A program path, or a name looked up on PATH.</param>
    /// <param name="workingDirectory">The directory the process starts in.</param>
    /// <param name="args">Arguments, passed as-is (no shell splitting).</param>
    public static IResourceBuilder<ExecutableResource> AddExecutable(
        this BottleApplicationBuilder builder, string name, string command, string workingDirectory, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ExecutableResource(name, command, workingDirectory, args));
    }
}
