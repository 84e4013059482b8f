using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Planning;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// A bottle's Compose project: the parent of its networks and containers. Starting it clears what a crashed
/// earlier run of the same bottle left and writes the state directory; stopping it is the teardown (logs saved,
/// containers removed, networks removed) unless the bottle is <see cref="Detached"/>.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="plan">The bottle's plan.</param>
/// <param name="stateDirectory">The bottle's state directory (absolute).</param>
public sealed class ComposeProjectResource(string name, BottlePlan plan, string stateDirectory) : Resource(name)
{
    /// <summary>The bottle's plan.</summary>
    public BottlePlan Plan { get; } = plan ?? throw new ArgumentNullException(nameof(plan));

    /// <summary>The bottle's state directory.</summary>
    public string StateDirectory { get; } = Path.GetFullPath(stateDirectory);

    /// <summary>The Compose client for this project.</summary>
    public ComposeCli Compose => new(Plan.ComposeProject, Path.Combine(StateDirectory, BottleStateWriter.ComposeFileName));

    /// <summary>
    /// True when the bottle outlives this app host (<c>up --detach</c>): stopping the application then only
    /// lets go of the containers (log followers end) and leaves them, their networks and state in place.
    /// </summary>
    public bool Detached { get; set; }
}
