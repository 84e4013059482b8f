using System.Globalization;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.Sidecars.Configuration;
using YamlDotNet.Serialization;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Renders a <see cref="BottlePlan"/> as a Compose file: the three sidecars and the agent on the bottle's
/// pre-created (<c>external</c>) networks at pinned addresses, every container labelled, no capabilities,
/// no privilege gain, sidecars on read-only root filesystems with Docker healthchecks. The output has no
/// <c>version</c> or <c>name</c> key, so both Compose v1 (1.27+) and v2 read it.
/// </summary>
public static class ComposeFileRenderer
{
    /// <summary>
    /// The sidecars' Docker healthcheck: <c>GET /health</c> on the admin port with bash's <c>/dev/tcp</c>, healthy on a
    /// 2xx status line (what <c>bottle-sidecars probe</c> checks; <c>$$</c> is Compose's escape for <c>$</c>). Not the probe itself: Docker runs the check every
    /// second per sidecar, and a .NET start costs ~0.15 s of CPU (about half a core for three sidecars, for the
    /// bottle's whole life) and, on a loaded machine, took longer than the 3 s timeout; this costs a few milliseconds.
    /// </summary>
    public static readonly string HealthProbe = string.Create(
        CultureInfo.InvariantCulture,
        $"exec 3<>/dev/tcp/127.0.0.1/{SidecarPorts.Admin} && printf 'GET /health HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && read -r _ status _ <&3 && case \"$$status\" in 2??) exit 0;; esac; exit 1");

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    /// <summary>The Compose file for <paramref name="plan"/>, with state files resolved against <paramref name="stateDirectory"/>.</summary>
    /// <param name="plan">The bottle's plan.</param>
    /// <param name="stateDirectory">The bottle's state directory.</param>
    /// <param name="gitGateGroups">Extra group ids git-gate joins: the groups of the local remotes it mounts (see <see cref="LocalRemotes"/>).</param>
    public static string Render(BottlePlan plan, string stateDirectory, IReadOnlyList<int>? gitGateGroups = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        var networksByRole = plan.Networks.ToDictionary(n => n.Role, StringComparer.Ordinal);
        var services = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sidecar in plan.Sidecars)
        {
            services[sidecar.Role] = Sidecar(plan, sidecar, networksByRole, stateDirectory);
        }

        if (gitGateGroups is { Count: > 0 } && services.TryGetValue("git-gate", out var gitGate))
        {
            // Group membership, not ownership: the user's repositories stay theirs, git-gate writes through the group.
            ((Dictionary<string, object>)gitGate)["group_add"] = gitGateGroups.ToArray();
        }

        services[ComposeServiceNames.Agent] = Agent(plan, networksByRole, stateDirectory);
        var document = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["services"] = services,
            ["networks"] = plan.Networks.ToDictionary(
                n => n.Name,
                n => (object)new Dictionary<string, object> { ["external"] = true, ["name"] = n.Name },
                StringComparer.Ordinal),
        };
        return "# Written by bottle from the plan of " + plan.Slug + "; edits are overwritten on the next 'up'.\n"
            + Serializer.Serialize(document);
    }

    private static Dictionary<string, object> Sidecar(
        BottlePlan plan, SidecarPlan sidecar, Dictionary<string, NetworkPlan> networks, string stateDirectory)
    {
        var service = Common(plan, sidecar.Role, sidecar.Image, stateDirectory);
        service["command"] = new[] { sidecar.Role, "--config", $"{SidecarPaths.ConfigDirectory}/{sidecar.Role}.yaml" };
        service["networks"] = Networks(sidecar.Addresses, networks);
        service["volumes"] = Volumes(sidecar.Mounts, stateDirectory);

        // Sidecars write only their audit/findings mounts and scratch space; the rest of the filesystem is the image's.
        service["read_only"] = true;
        // Docker mounts a tmpfs noexec by default. git-gate keeps its mirrors in /tmp and git runs their pre-receive
        // hook (the push gate) from there: on a noexec /tmp git skips the hook as "not executable" and accepts pushes
        // unscanned. So git-gate's /tmp allows exec (git-gate also refuses to serve a mirror whose hook cannot run).
        service["tmpfs"] = new[] { sidecar.Role == "git-gate" ? "/tmp:exec" : "/tmp" };
        service["healthcheck"] = new Dictionary<string, object>
        {
            ["test"] = new[] { "CMD", "bash", "-c", HealthProbe },
            // Short interval: the agent waits for all three sidecars to be healthy, and Docker runs the first probe one interval after start.
            ["interval"] = "1s",
            ["timeout"] = "3s",
            ["retries"] = 3,
            ["start_period"] = "30s",
        };
        return service;
    }

    private static Dictionary<string, object> Agent(BottlePlan plan, Dictionary<string, NetworkPlan> networks, string stateDirectory)
    {
        var agent = plan.Agent;
        var service = Common(plan, ComposeServiceNames.Agent, agent.Image, stateDirectory);

        // The agent's own command runs through 'attach'; the container only has to stay up. init reaps
        // what attach leaves behind and lets 'sleep' end on SIGTERM instead of waiting out the grace period.
        // The one line announces the container in its log (so compose.log has a line from every service).
        service["command"] = new[] { "sh", "-c", "echo \"bottle agent container up; attach runs the agent\"; exec sleep infinity" };
        service["init"] = true;
        service["working_dir"] = agent.Workdir;
        service["environment"] = agent.Env.OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => (object)e.Value, StringComparer.Ordinal);
        service["networks"] = Networks(agent.Addresses, networks);
        service["volumes"] = Volumes(agent.Mounts, stateDirectory);
        if (agent.Cpus is { } cpus)
        {
            service["cpus"] = cpus.ToString(CultureInfo.InvariantCulture);
        }

        if (agent.MemoryBytes is { } memory)
        {
            service["mem_limit"] = memory.ToString(CultureInfo.InvariantCulture);
        }

        // No read_only root here: the agent installs tools and writes caches in its home; it holds nothing
        // that a writable filesystem could leak, and its only ways out are still the sidecars.
        return service;
    }

    private static Dictionary<string, object> Common(BottlePlan plan, string service, string image, string stateDirectory)
    {
        var labels = plan.Labels.ToDictionary(l => l.Key, l => (object)l.Value, StringComparer.Ordinal);
        labels[BottleLabels.StateDirectory] = stateDirectory;
        labels[BottleLabels.Service] = service;
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["image"] = image,
            ["container_name"] = ComposeServiceNames.ContainerName(plan.ComposeProject, service),
            ["labels"] = labels,
            ["cap_drop"] = new[] { "ALL" },
            ["security_opt"] = new[] { "no-new-privileges:true" },
        };
    }

    private static Dictionary<string, object> Networks(IReadOnlyList<NetworkAddress> addresses, Dictionary<string, NetworkPlan> networks) =>
        addresses.ToDictionary(
            a => networks.TryGetValue(a.Network, out var network)
                ? network.Name
                : throw new InvalidOperationException($"the plan gives an address on network '{a.Network}', which the plan does not have"),
            a => (object)new Dictionary<string, object> { ["ipv4_address"] = a.Address },
            StringComparer.Ordinal);

    // The long syntax: a host path with a ':' in it cannot break the mount apart.
    private static List<Dictionary<string, object>> Volumes(IReadOnlyList<MountPlan> mounts, string stateDirectory) =>
        [.. mounts.Select(m => new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["type"] = "bind",
            ["source"] = HostPaths.Absolute(m.Source, stateDirectory),
            ["target"] = m.Target,
            ["read_only"] = m.ReadOnly,
        })];
}
