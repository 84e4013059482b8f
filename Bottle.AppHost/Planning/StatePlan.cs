namespace Bottle.AppHost.Planning;

/// <summary>The bottle's state directory: <c>&lt;state root&gt;/&lt;slug&gt;/</c>, written at launch, never at plan.</summary>
/// <param name="Directory">The directory, relative to the state root (the slug).</param>
/// <param name="Mode">The directory's octal permission bits (<c>0700</c>).</param>
/// <param name="Files">The files launch and the sidecars write there.</param>
public sealed record StatePlan(string Directory, string Mode, IReadOnlyList<StateFilePlan> Files);
