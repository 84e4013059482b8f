namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>Where bottles keep their state directories: <c>&lt;root&gt;/&lt;slug&gt;/</c>.</summary>
/// <param name="Path">The root folder (absolute).</param>
public sealed record BottleStateRoot(string Path)
{
    /// <summary>The environment variable that moves the root (tests and CI give each run its own).</summary>
    public const string Variable = "BOTTLE_STATE_DIR";

    /// <summary>The root from <c>--state-dir</c>, else <see cref="Variable"/>, else <c>~/.local/state/bottle</c>.</summary>
    public static BottleStateRoot Resolve(string? explicitPath = null)
    {
        var path = explicitPath
            ?? Environment.GetEnvironmentVariable(Variable)
            ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "bottle");
        return new BottleStateRoot(System.IO.Path.GetFullPath(path));
    }

    /// <summary>The state directory of bottle <paramref name="slug"/>.</summary>
    public string For(string slug)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        return System.IO.Path.Combine(Path, slug);
    }
}
