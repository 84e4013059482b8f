namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>The Compose service names of a bottle, and the container names derived from them.</summary>
public static class ComposeServiceNames
{
    /// <summary>The agent's service.</summary>
    public const string Agent = "agent";

    /// <summary>Every service, in start order: sidecars first, the agent last.</summary>
    public static IReadOnlyList<string> All { get; } = ["pipelock", "egress", "git-gate", Agent];

    /// <summary>The container of <paramref name="service"/> in project <paramref name="composeProject"/>: pinned, so <c>exec</c> needs no lookup.</summary>
    public static string ContainerName(string composeProject, string service) => $"{composeProject}-{service}";
}
