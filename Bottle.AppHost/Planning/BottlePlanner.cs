using System.Collections.Immutable;
using Bottle.AppHost.Manifest;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;

namespace Bottle.AppHost.Planning;

/// <summary>
/// Prepare: manifest to plan. A pure function of its arguments: no Docker, no files, no network, no clock, no
/// randomness, no credential values. The same manifest always gives the same plan, on any machine.
/// </summary>
public static class BottlePlanner
{
    private const string Pipelock = "pipelock";
    private const string Egress = "egress";
    private const string GitGate = "git-gate";

    /// <summary>Resolves <paramref name="manifest"/> into a <see cref="BottlePlan"/>.</summary>
    public static BottlePlan Prepare(BottleManifest manifest, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        var slug = BottleSlug.Create(manifest.Name, manifest.Instance);
        var octet = SubnetAllocator.ThirdOctet(slug, manifest.NetworkSalt);
        var net = new Addresses(octet);

        var networks = new[]
        {
            new NetworkPlan("agent", $"bottle-{slug}-agent", net.Subnet(Addresses.AgentNet), net.At(Addresses.AgentNet, 1), Internal: true),
            new NetworkPlan("sidecar", $"bottle-{slug}-sidecar", net.Subnet(Addresses.SidecarNet), net.At(Addresses.SidecarNet, 1), Internal: true),
            new NetworkPlan("out", $"bottle-{slug}-out", net.Subnet(Addresses.OutNet), net.At(Addresses.OutNet, 1), Internal: false),
        };

        var credentials = PlanCredentials(manifest, slug);
        var placeholders = manifest.Credentials
            .Zip(credentials, (spec, plan) => plan.Placeholder is null
                ? null
                : new PlaceholderBinding(plan.Placeholder, spec.Name, spec.Hosts, spec.Header, spec.Format))
            .OfType<PlaceholderBinding>()
            .ToList();

        var gitGateUrl = $"http://{net.GitGateOnAgent}:{SidecarPorts.GitGateHttp}";
        var egressUrl = $"http://{net.EgressOnSidecar}:{SidecarPorts.EgressProxy}";
        var configs = new SidecarConfigSet(
            new PipelockConfig(
                new ListenEndpoint(net.PipelockOnAgent, SidecarPorts.PipelockProxy),
                new ListenEndpoint(net.PipelockOnSidecar, SidecarPorts.Admin),
                egressUrl,
                manifest.Egress.Allow,
                manifest.Dlp,
                placeholders,
                SidecarPaths.CaCertificate,
                SidecarPaths.CaKey,
                SidecarPaths.Audit),
            new EgressConfig(
                new ListenEndpoint(net.EgressOnSidecar, SidecarPorts.EgressProxy),
                new ListenEndpoint(net.EgressOnSidecar, SidecarPorts.Admin),
                [net.PipelockOnSidecar, net.GitGateOnSidecar],
                manifest.Egress.Allow,
                GitGateRules(manifest.GitRemotes),
                placeholders,
                SidecarPaths.Credentials,
                manifest.Egress.ExtraCa is null ? null : SidecarPaths.ExtraCa,
                SidecarPaths.Audit,
                [net.GitGateOnSidecar],
                [.. networks.Select(n => n.Subnet)]),
            new GitGateConfig(
                new ListenEndpoint(net.GitGateOnAgent, SidecarPorts.GitGateHttp),
                new ListenEndpoint(net.GitGateOnSidecar, SidecarPorts.Admin),
                [.. manifest.GitRemotes.Select(r => new GitRemoteConfig(
                    r.Name, r.Url.IsLocal ? LocalRemoteTarget(r.Name) : r.Url.Text, r.Url.Host, r.Url.Port, r.Push, r.ForcePush, r.DeleteRefs, r.Tags, r.Credential,
                    r.Credential is null ? null : $"{SidecarPaths.GitCredentials}/{r.Credential}", r.AllowFingerprints, r.HostKeys))],
                manifest.Dlp,
                egressUrl,
                SidecarPaths.Audit,
                SidecarPaths.Findings));

        var sidecars = PlanSidecars(manifest, options, net, credentials);
        var agent = PlanAgent(manifest, slug, net, gitGateUrl, credentials);
        return new BottlePlan(
            BottlePlan.CurrentSchemaVersion,
            manifest.Name,
            manifest.Instance,
            manifest.Runtime,
            slug,
            $"bottle-{slug}",
            manifest.SourcePath,
            ImmutableSortedDictionary.CreateRange<string, string>(StringComparer.Ordinal, [new("io.bottle.managed", "true"), new("io.bottle.slug", slug)]),
            networks,
            sidecars,
            agent,
            credentials,
            configs,
            PlanState(slug, credentials));
    }

    private static List<CredentialPlan> PlanCredentials(BottleManifest manifest, string slug)
    {
        var byEgress = manifest.Egress.Allow.Select(r => r.Credential).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var byGit = manifest.GitRemotes.Select(r => r.Credential).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. manifest.Credentials.Select(c =>
        {
            // A credential reaches egress only when the agent can use it through a placeholder; a git-only key stays with git-gate.
            var viaEgress = byEgress.Contains(c.Name) || c.AgentEnv is not null;
            var holders = new List<string>();
            if (viaEgress)
            {
                holders.Add(Egress);
            }

            if (byGit.Contains(c.Name))
            {
                holders.Add(GitGate);
            }

            return new CredentialPlan(c.Name, c.Source, viaEgress ? CredentialPlaceholder.Create(slug, c.Name) : null, c.AgentEnv, holders);
        })];
    }

    /// <summary>git-gate may reach each remote's host and port through egress, and nothing else (a local remote is a mount, not a host).</summary>
    private static List<EgressRule> GitGateRules(IReadOnlyList<GitRemoteSpec> remotes) =>
        [.. remotes
            .Where(r => !r.Url.IsLocal)
            .Select(r => (r.Url.Host, r.Url.Port))
            .Distinct()
            .Select(t => new EgressRule(HostPattern.Parse(t.Host), null, [t.Port], [], [], null))];

    private static List<SidecarPlan> PlanSidecars(BottleManifest manifest, PlanOptions options, Addresses net, IReadOnlyList<CredentialPlan> credentials)
    {
        // The folder, not the file: 'apply' renames a new config into place, and a bind mount of a file would keep
        // showing the replaced inode; a mounted folder shows the rename. One folder per sidecar: each sees only its own.
        static MountPlan Config(string role) => new(ConfigFolder(role), SidecarPaths.ConfigDirectory, ReadOnly: true);
        var audit = new MountPlan("audit.jsonl", SidecarPaths.Audit, ReadOnly: false);

        var egressMounts = new List<MountPlan> { Config(Egress), new("credentials.json", SidecarPaths.Credentials, true), audit };
        if (manifest.Egress.ExtraCa is { } extraCa)
        {
            egressMounts.Add(new MountPlan(extraCa, SidecarPaths.ExtraCa, ReadOnly: true));
        }

        var gitMounts = new List<MountPlan> { Config(GitGate), audit, new(FindingsFolder, SidecarPaths.FindingsDirectory, ReadOnly: false) };
        if (credentials.Any(c => c.Holders.Contains(GitGate)))
        {
            gitMounts.Add(new MountPlan("git", SidecarPaths.GitCredentials, ReadOnly: true));
        }

        // Local bare repositories: read-write into git-gate only, never into the agent (launch creates a missing one).
        gitMounts.AddRange(manifest.GitRemotes
            .Where(r => r.Url.IsLocal)
            .Select(r => new MountPlan(r.Url.Text, LocalRemoteTarget(r.Name), ReadOnly: false)));

        return
        [
            new SidecarPlan(Pipelock, options.SidecarImage,
                [new("agent", net.PipelockOnAgent), new("sidecar", net.PipelockOnSidecar)], ConfigFile(Pipelock),
                [Config(Pipelock), new("ca.pem", SidecarPaths.CaCertificate, true), new("ca-key.pem", SidecarPaths.CaKey, true), audit]),
            new SidecarPlan(Egress, options.SidecarImage,
                [new("sidecar", net.EgressOnSidecar), new("out", net.EgressOnOut)], ConfigFile(Egress), egressMounts),
            new SidecarPlan(GitGate, options.SidecarImage,
                [new("agent", net.GitGateOnAgent), new("sidecar", net.GitGateOnSidecar)], ConfigFile(GitGate), gitMounts),
        ];
    }

    /// <summary>git-gate's findings folder in the state directory (mounted at <see cref="SidecarPaths.FindingsDirectory"/>).</summary>
    internal const string FindingsFolder = "findings";

    /// <summary>Where git-gate sees local remote <paramref name="name"/>: its bind mount of the host's bare repository.</summary>
    internal static string LocalRemoteTarget(string name) => $"{SidecarPaths.LocalRemotes}/{name}.git";

    /// <summary>A sidecar's config folder in the state directory (mounted at <see cref="SidecarPaths.ConfigDirectory"/>).</summary>
    internal static string ConfigFolder(string role) => $"config/{role}";

    /// <summary>A sidecar's config file in the state directory.</summary>
    internal static string ConfigFile(string role) => $"{ConfigFolder(role)}/{role}.yaml";

    private static AgentPlan PlanAgent(BottleManifest manifest, string slug, Addresses net, string gitGateUrl, IReadOnlyList<CredentialPlan> credentials)
    {
        var agent = manifest.Agent;
        var rewrites = manifest.GitRemotes
            .Where(r => !r.Url.IsLocal)
            .Select(r => new KeyValuePair<string, string>($"{gitGateUrl}/{r.Name}.git", r.Url.Text))
            .ToList();

        // A local remote's host path means nothing inside the agent, so there is nothing to rewrite: the agent gets a
        // remote of that name instead (git push sandbox ...), in its env-based git config, not in the repository's.
        var namedRemotes = manifest.GitRemotes
            .Where(r => r.Url.IsLocal)
            .Select(r => new KeyValuePair<string, string>(r.Name, $"{gitGateUrl}/{r.Name}.git"))
            .ToList();
        var placeholders = credentials
            .Where(c => c.AgentEnv is not null && c.Placeholder is not null)
            .ToDictionary(c => c.AgentEnv!, c => c.Placeholder!, StringComparer.Ordinal);
        var env = AgentEnvironment.Build(net.PipelockOnAgent, net.GitGateOnAgent, rewrites, agent.Env, placeholders, namedRemotes);

        var mounts = new List<MountPlan> { new("ca.pem", SidecarPaths.CaCertificate, ReadOnly: true) };
        WorkspacePlan? workspace = null;
        if (agent.Workspace is { Mode: WorkspaceMode.Mount, Path: { } hostPath })
        {
            mounts.Add(new MountPlan(hostPath, agent.Workdir, ReadOnly: false));
            workspace = new WorkspacePlan(WorkspaceMode.Mount, hostPath, null, agent.Workdir);
        }
        else if (agent.Workspace is { Mode: WorkspaceMode.Clone, Remote: { } remote })
        {
            workspace = new WorkspacePlan(WorkspaceMode.Clone, null, $"{gitGateUrl}/{remote}.git", agent.Workdir);
        }

        return new AgentPlan(
            agent.Image ?? $"bottle-{slug}-agent:local",
            agent.Build,
            agent.Command,
            agent.Workdir,
            env,
            agent.Cpus,
            agent.MemoryBytes,
            [new("agent", net.AgentOnAgent)],
            mounts,
            workspace);
    }

    private static StatePlan PlanState(string slug, IReadOnlyList<CredentialPlan> credentials)
    {
        const string Public = "0644";
        const string Secret = "0600";
        var files = new List<StateFilePlan>
        {
            new("docker-compose.yml", Public, "the Compose project"),
            new(ConfigFile(Pipelock), Public, "pipelock's config"),
            new(ConfigFile(Egress), Public, "egress's config"),
            new(ConfigFile(GitGate), Public, "git-gate's config"),
            new("ca.pem", Public, "the bottle CA certificate"),
            new("ca-key.pem", Secret, "the bottle CA key (pipelock only)"),
            new("credentials.json", Secret, "real credential values for egress, by name"),
        };
        files.AddRange(credentials
            .Where(c => c.Holders.Contains(GitGate))
            .Select(c => new StateFilePlan($"git/{c.Name}", Secret, $"credential '{c.Name}' for git-gate")));
        files.AddRange(
        [
            new("metadata.json", Public, "what was launched, and when"),
            new("compose.log", Public, "Compose output"),
            new("audit.jsonl", Public, "the sidecars' audit events"),
            new($"{FindingsFolder}/findings.sarif", Public, "git-gate findings of refused pushes (SARIF)"),
            new($"{FindingsFolder}/findings.json", Public, "git-gate findings of refused pushes (JSON)"),
        ]);
        return new StatePlan(slug, "0700", files);
    }
}
