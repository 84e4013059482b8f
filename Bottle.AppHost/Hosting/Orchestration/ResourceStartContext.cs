using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>What a runner gets to start one run of a resource.</summary>
/// <param name="Resource">The resource to start.</param>
/// <param name="EnvironmentVariables">The variables from the resource's environment callbacks and endpoints.</param>
public sealed record ResourceStartContext(IResource Resource, IReadOnlyDictionary<string, string> EnvironmentVariables);
