using System.Globalization;
using System.Text;

namespace Bottle.AppHost.Planning;

/// <summary>The plan as a short summary for people (<c>plan --format text</c>); JSON is the machine form.</summary>
public static class PlanTextRenderer
{
    /// <summary>Renders <paramref name="plan"/> as plain text lines.</summary>
    public static string Render(BottlePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        void Line(string value = "") => text.Append(value).Append('\n');

        Line($"bottle {plan.Name} (instance {plan.Instance}, runtime {plan.Runtime.ToString().ToLowerInvariant()})");
        Line($"  slug       {plan.Slug}");
        Line($"  compose    {plan.ComposeProject}");
        Line($"  state      <state root>/{plan.State.Directory}/ ({plan.State.Mode})");
        Line();
        Line("networks");
        foreach (var network in plan.Networks)
        {
            Line($"  {network.Role,-8} {network.Name,-40} {network.Subnet,-16} {(network.Internal ? "internal" : "routed")}");
        }

        Line();
        Line("containers");
        foreach (var sidecar in plan.Sidecars)
        {
            Line($"  {sidecar.Role,-8} {sidecar.Image,-28} {string.Join("  ", sidecar.Addresses.Select(a => $"{a.Network}={a.Address}"))}");
        }

        Line($"  {"agent",-8} {plan.Agent.Image,-28} {string.Join("  ", plan.Agent.Addresses.Select(a => $"{a.Network}={a.Address}"))}");
        if (plan.Agent.Workspace is { } workspace)
        {
            Line($"  workspace {workspace.Mode.ToString().ToLowerInvariant()} {workspace.HostPath ?? workspace.CloneUrl} -> {workspace.Path}");
        }

        Line();
        Line("egress allow (everything else is denied)");
        var rules = plan.Configs.Egress.Rules;
        if (rules.Count == 0)
        {
            Line("  (none)");
        }

        foreach (var rule in rules)
        {
            Line($"  {rule.Describe()}{(rule.Credential is null ? string.Empty : $"  credential {rule.Credential}")}");
        }

        foreach (var rule in plan.Configs.Egress.GitGateRules)
        {
            Line($"  {rule.Describe()}  (git-gate only)");
        }

        var dlp = plan.Configs.Pipelock.Dlp;
        Line();
        Line(string.Create(CultureInfo.InvariantCulture,
            $"dlp {dlp.Mode.ToString().ToLowerInvariant()}, body cap {dlp.MaxBodyBytes} bytes, {dlp.Patterns.Count} extra pattern(s), {dlp.ExemptHosts.Count} exempt host(s)"));
        Line();
        Line("git remotes (the agent pushes to git-gate)");
        if (plan.Configs.GitGate.Remotes.Count == 0)
        {
            Line("  (none)");
        }

        var gitGateMounts = plan.Sidecars.Where(s => s.Role == "git-gate").SelectMany(s => s.Mounts).ToList();
        foreach (var remote in plan.Configs.GitGate.Remotes)
        {
            // A local remote's config URL is git-gate's mount point; the reader wants the host repository.
            var url = gitGateMounts.FirstOrDefault(m => m.Target == remote.Url) is { } local ? $"{local.Source} (local, mounted into git-gate only)" : remote.Url;
            Line($"  {remote.Name,-10} {url}  push {string.Join(",", remote.Push)}{(remote.ForcePush ? " +force" : string.Empty)}{(remote.DeleteRefs ? " +delete" : string.Empty)}{(remote.Tags ? " +tags" : string.Empty)}");
        }

        Line();
        Line("credentials (values are read at launch, never at plan)");
        if (plan.Credentials.Count == 0)
        {
            Line("  (none)");
        }

        foreach (var credential in plan.Credentials)
        {
            var where = credential.AgentEnv is null ? string.Empty : $"  agent sees ${credential.AgentEnv}={credential.Placeholder}";
            Line($"  {credential.Name,-12} from {credential.Source.Kind.ToString().ToLowerInvariant()} {credential.Source.Value}  held by {string.Join(", ", credential.Holders.DefaultIfEmpty("nobody"))}{where}");
        }
        return text.ToString();
    }
}
