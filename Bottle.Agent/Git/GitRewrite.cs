namespace Bottle.Agent.Git;

/// <summary>One <c>url.&lt;GitGateUrl&gt;.insteadOf = &lt;RealUrl&gt;</c> rewrite: the agent names the real remote, git talks to git-gate.</summary>
/// <param name="GitGateUrl">git-gate's URL for the remote (http, on the agent network).</param>
/// <param name="RealUrl">The real remote's URL as the agent and the repository's config name it.</param>
public sealed record GitRewrite(Uri GitGateUrl, string RealUrl);
