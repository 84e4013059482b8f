using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.Sidecars.Configuration;

// Expected values are one-off array literals in assertions, not repeated hot-path allocations.
#pragma warning disable CA1861

namespace Bottle.Tests.Unit.Planning;

[TestClass]
public sealed class BottlePlannerTests
{
    private const string Manifest = """
        name: planner
        agent:
          image: agent:local
          env: { TERM: dumb }
          workspace: { path: /src/app, mode: mount }
        egress:
          allow:
            - host: api.example.com
              credential: api
        git:
          remotes:
            - { name: origin, url: "git@github.com:acme/app.git", credential: key }
            - { name: backup, url: "https://git.example.com/acme/app.git" }
        credentials:
          api: { source: { env: API_KEY }, header: authorization, format: "Bearer {value}", hosts: [api.example.com], agentEnv: API_KEY }
          key: { source: { file: /keys/github }, hosts: [github.com] }
        """;

    private static BottlePlan Plan(string yaml = Manifest)
    {
        var loaded = ManifestLoader.Parse(yaml, "/m/planner.yaml");
        Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.FormatErrors()));
        return BottlePlanner.Prepare(loaded.Manifest!, PlanOptions.Default);
    }

    [TestMethod]
    public void Slug_and_networks_follow_the_derivation()
    {
        var plan = Plan();
        var octet = SubnetAllocator.ThirdOctet(plan.Slug, 0);

        Assert.MatchesRegex("^planner-[0-9a-f]{6}$", plan.Slug);
        Assert.AreEqual(BottleSlug.Create("planner", "default"), plan.Slug);
        Assert.AreEqual($"bottle-{plan.Slug}", plan.ComposeProject);
        CollectionAssert.AreEqual(
            new[]
            {
                new NetworkPlan("agent", $"bottle-{plan.Slug}-agent", $"10.201.{octet}.0/24", $"10.201.{octet}.1", true),
                new NetworkPlan("sidecar", $"bottle-{plan.Slug}-sidecar", $"10.202.{octet}.0/24", $"10.202.{octet}.1", true),
                new NetworkPlan("out", $"bottle-{plan.Slug}-out", $"10.203.{octet}.0/24", $"10.203.{octet}.1", false),
            },
            plan.Networks.ToArray());
    }

    [TestMethod]
    public void Instance_and_salt_change_slug_and_subnets()
    {
        var plain = Plan();
        var second = Plan(Manifest.Replace("name: planner", "name: planner\ninstance: two", StringComparison.Ordinal));
        var salted = Plan(Manifest.Replace("name: planner", "name: planner\nnetwork: { salt: 1 }", StringComparison.Ordinal));

        Assert.AreNotEqual(plain.Slug, second.Slug);
        Assert.AreEqual(plain.Slug, salted.Slug);
        Assert.AreEqual(SubnetAllocator.ThirdOctet(plain.Slug, 1), int.Parse(salted.Networks[0].Subnet.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Sidecars_and_agent_get_the_fixed_addresses_and_admin_stays_off_the_agent_network()
    {
        var plan = Plan();
        var n = plan.Networks[0].Subnet.Split('.')[2];
        string On(string role, string network) => plan.Sidecars.Single(s => s.Role == role).Addresses.Single(a => a.Network == network).Address;

        Assert.AreEqual($"10.201.{n}.2", On("pipelock", "agent"));
        Assert.AreEqual($"10.202.{n}.2", On("pipelock", "sidecar"));
        Assert.AreEqual($"10.201.{n}.3", On("git-gate", "agent"));
        Assert.AreEqual($"10.202.{n}.3", On("git-gate", "sidecar"));
        Assert.AreEqual($"10.202.{n}.4", On("egress", "sidecar"));
        Assert.AreEqual($"10.203.{n}.2", On("egress", "out"));
        Assert.AreEqual(new NetworkAddress("agent", $"10.201.{n}.10"), plan.Agent.Addresses.Single(), "the agent is on the agent network only");
        Assert.IsFalse(plan.Sidecars.Single(s => s.Role == "egress").Addresses.Any(a => a.Network == "agent"), "egress is out of the agent's reach");

        var configs = plan.Configs;
        Assert.AreEqual(new ListenEndpoint($"10.201.{n}.2", 3128), configs.Pipelock.Proxy);
        Assert.AreEqual(new ListenEndpoint($"10.201.{n}.3", 8080), configs.GitGate.Http);
        Assert.AreEqual(new ListenEndpoint($"10.202.{n}.4", 3129), configs.Egress.Proxy);
        foreach (var admin in new[] { configs.Pipelock.Admin, configs.Egress.Admin, configs.GitGate.Admin })
        {
            Assert.AreEqual(9901, admin.Port);
            Assert.StartsWith("10.202.", admin.Address, "admin endpoints listen on the sidecar network only");
        }

        Assert.AreEqual($"http://10.202.{n}.4:3129", configs.Pipelock.Upstream);
        Assert.AreEqual($"http://10.202.{n}.4:3129", configs.GitGate.EgressProxy);
        CollectionAssert.AreEqual(new[] { $"10.202.{n}.2", $"10.202.{n}.3" }, configs.Egress.Clients.ToArray());
    }

    [TestMethod]
    public void Agent_environment_points_at_the_sidecars_and_holds_placeholders_only()
    {
        var plan = Plan();
        var env = plan.Agent.Env;
        var n = plan.Networks[0].Subnet.Split('.')[2];
        var placeholder = CredentialPlaceholder.Create(plan.Slug, "api");

        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy" })
        {
            Assert.AreEqual($"http://10.201.{n}.2:3128", env[name]);
        }

        Assert.AreEqual($"10.201.{n}.3,localhost,127.0.0.1", env["NO_PROXY"]);
        Assert.AreEqual(env["NO_PROXY"], env["no_proxy"]);
        foreach (var name in new[] { "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "GIT_SSL_CAINFO" })
        {
            Assert.AreEqual("/etc/bottle/ca.pem", env[name]);
        }

        Assert.AreEqual("2", env["GIT_CONFIG_COUNT"]);
        Assert.AreEqual($"url.http://10.201.{n}.3:8080/origin.git.insteadOf", env["GIT_CONFIG_KEY_0"]);
        Assert.AreEqual("git@github.com:acme/app.git", env["GIT_CONFIG_VALUE_0"]);
        Assert.AreEqual($"url.http://10.201.{n}.3:8080/backup.git.insteadOf", env["GIT_CONFIG_KEY_1"]);
        Assert.AreEqual("https://git.example.com/acme/app.git", env["GIT_CONFIG_VALUE_1"]);
        Assert.AreEqual("dumb", env["TERM"]);
        Assert.AreEqual(placeholder, env["API_KEY"]);
        Assert.MatchesRegex("^bottle-cred-[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", placeholder);
        CollectionAssert.AreEqual(env.Keys.Order(StringComparer.Ordinal).ToArray(), env.Keys.ToArray(), "sorted, so the plan is stable");
    }

    [TestMethod]
    public void Credentials_go_only_to_their_holders()
    {
        var plan = Plan();
        var api = plan.Credentials.Single(c => c.Name == "api");
        var key = plan.Credentials.Single(c => c.Name == "key");

        CollectionAssert.AreEqual(new[] { "egress" }, api.Holders.ToArray());
        CollectionAssert.AreEqual(new[] { "git-gate" }, key.Holders.ToArray(), "a git key never reaches egress");
        Assert.IsNull(key.Placeholder);
        var binding = plan.Configs.Egress.Placeholders.Single();
        Assert.AreEqual(new PlaceholderBinding(api.Placeholder!, "api", binding.Hosts, "authorization", "Bearer {value}"), binding);
        Assert.AreEqual("api.example.com", binding.Hosts.Single().Value);
        Assert.AreEqual("/run/bottle/git/key", plan.Configs.GitGate.Remotes[0].CredentialPath);
        Assert.IsNull(plan.Configs.GitGate.Remotes[1].CredentialPath);
        Assert.AreEqual("0600", plan.State.Files.Single(f => f.Path == "git/key").Mode);
        CollectionAssert.AreEqual(
            new[] { "github.com:22 * /", "git.example.com:443 * /" },
            plan.Configs.Egress.GitGateRules.Select(r => r.Describe()).ToArray());
    }

    [TestMethod]
    public void Git_remote_hosts_are_allowed_for_git_gate_only_and_ssh_remotes_carry_pinned_host_keys()
    {
        var plan = Plan();
        bool Names(IEnumerable<Bottle.Sidecars.Policy.EgressRule> rules, string host) => rules.Any(r => r.Host?.Value == host);

        Assert.IsTrue(Names(plan.Configs.Egress.GitGateRules, "github.com"));
        Assert.IsFalse(Names(plan.Configs.Egress.Rules, "github.com"), "the agent's traffic (through pipelock) must not reach the git host");
        Assert.IsFalse(Names(plan.Configs.Pipelock.Rules, "github.com"), "pipelock must not allow the git host");
        Assert.IsFalse(Names(plan.Configs.Egress.Rules, "git.example.com"));
        CollectionAssert.AreEqual(PublishedSshHostKeys.GitHub.ToArray(), plan.Configs.GitGate.Remotes[0].HostKeys.ToArray());
        Assert.IsTrue(plan.Configs.GitGate.Remotes[0].IsSsh);
        Assert.IsEmpty(plan.Configs.GitGate.Remotes[1].HostKeys);
        Assert.IsFalse(plan.Configs.GitGate.Remotes[1].IsSsh);
    }

    [TestMethod]
    public void Plans_name_no_secret_value()
    {
        // Planning never reads a credential source: a value placed where a source points must not appear.
        const string Secret = "sk-never-in-a-plan-1234567890";
        Environment.SetEnvironmentVariable("API_KEY", Secret);
        try
        {
            Assert.DoesNotContain(Secret, PlanJson.Serialize(Plan()));
        }
        finally
        {
            Environment.SetEnvironmentVariable("API_KEY", null);
        }
    }

    [TestMethod]
    public void Mounts_and_state_layout_keep_keys_private()
    {
        var plan = Plan();

        Assert.AreEqual(plan.Slug, plan.State.Directory);
        Assert.AreEqual("0700", plan.State.Mode);
        foreach (var secret in new[] { "ca-key.pem", "credentials.json" })
        {
            Assert.AreEqual("0600", plan.State.Files.Single(f => f.Path == secret).Mode, secret);
        }

        Assert.IsFalse(plan.Agent.Mounts.Any(m => m.Source is "ca-key.pem" or "credentials.json" or "git"), "the agent mounts no secret");
        Assert.IsTrue(plan.Sidecars.Single(s => s.Role == "pipelock").Mounts.Any(m => m.Source == "ca-key.pem" && m.ReadOnly));
        Assert.IsFalse(plan.Sidecars.Where(s => s.Role != "pipelock").SelectMany(s => s.Mounts).Any(m => m.Source == "ca-key.pem"), "only pipelock holds the CA key");
        Assert.IsFalse(plan.Sidecars.Where(s => s.Role != "egress").SelectMany(s => s.Mounts).Any(m => m.Source == "credentials.json"), "only egress holds credentials.json");
        Assert.AreEqual(new WorkspacePlan(WorkspaceMode.Mount, "/src/app", null, "/workspace"), plan.Agent.Workspace);
        Assert.Contains(new MountPlan("/src/app", "/workspace", false), plan.Agent.Mounts.ToList());
    }

    [TestMethod]
    public void Sidecar_configs_round_trip_through_their_json()
    {
        var configs = Plan().Configs;

        Assert.AreEqual(SidecarConfigJson.Serialize(configs.Pipelock), SidecarConfigJson.Serialize(SidecarConfigJson.Deserialize<PipelockConfig>(SidecarConfigJson.Serialize(configs.Pipelock))));
        Assert.AreEqual(SidecarConfigJson.Serialize(configs.Egress), SidecarConfigJson.Serialize(SidecarConfigJson.Deserialize<EgressConfig>(SidecarConfigJson.Serialize(configs.Egress))));
        Assert.AreEqual(SidecarConfigJson.Serialize(configs.GitGate), SidecarConfigJson.Serialize(SidecarConfigJson.Deserialize<GitGateConfig>(SidecarConfigJson.Serialize(configs.GitGate))));
    }

    [TestMethod]
    public void Sidecar_configs_are_byte_identical_to_the_reflection_serializer()
    {
        // The source-generated context must not change a byte of the config files the sidecars and people read.
        var configs = Plan().Configs;
        var reflection = new JsonSerializerOptions(SidecarConfigJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        Assert.AreEqual(JsonSerializer.Serialize(configs.Pipelock, reflection), SidecarConfigJson.Serialize(configs.Pipelock));
        Assert.AreEqual(JsonSerializer.Serialize(configs.Egress, reflection), SidecarConfigJson.Serialize(configs.Egress));
        Assert.AreEqual(JsonSerializer.Serialize(configs.GitGate, reflection), SidecarConfigJson.Serialize(configs.GitGate));
    }
}
