using System.Net;
using Bottle.AppHost.Manifest;
using Bottle.Sidecars.Configuration;

using Bottle.Tests.Unit.Planning;

// Expected values are one-off array literals in assertions, not repeated hot-path allocations.
#pragma warning disable CA1861

namespace Bottle.Tests.Unit.Manifest;

[TestClass]
public sealed class ManifestParsingTests
{
    private const string Everything = """
        name: full-bottle
        runtime: smolvm
        instance: second
        network: { salt: 7 }
        agent:
          image: bottle-agent:local
          command: ["claude", "--verbose"]
          workdir: /work
          env: { TERM: xterm-256color, B_VAR: "2" }
          cpus: 1.5
          memory: 512m
          workspace: { path: ../src, mode: mount }
        egress:
          allow:
            - host: api.anthropic.com
              ports: [443, 8443]
              methods: [post, GET]
              paths: [/v1/, /v2/]
              credential: anthropic
            - host: "*.debian.org"
            - cidr: 10.99.0.0/16
              ports: [80]
          extraCa: ./certs/test-ca.pem
        dlp:
          mode: warn
          maxBodyBytes: 2MiB
          exemptHosts: ["uploads.example.com", "*.blobs.example.com"]
          inlineIgnore: true
          patterns:
            - id: acme-token
              description: ACME internal token
              regex: 'acme_([a-z0-9]{32})'
              keywords: [acme_]
              entropy: 3.5
              secretGroup: 1
        git:
          remotes:
            - name: origin
              url: git@github.com:acme/app.git
              push: ["refs/heads/bottle/*", "refs/heads/feature/*"]
              forcePush: true
              deleteRefs: true
              tags: true
              credential: github-ssh
              allowFingerprints: ["abc:README.md:generic:3"]
            - name: mirror
              url: https://git.example.com:8443/acme/app.git
        credentials:
          anthropic:
            source: { env: ANTHROPIC_API_KEY }
            header: x-api-key
            format: "Bearer {value}"
            hosts: [api.anthropic.com]
            agentEnv: ANTHROPIC_API_KEY
          github-ssh:
            source: { file: keys/github }
            hosts: [github.com]
          vault-token:
            source: { command: "pass show vault" }
            hosts: ["*.vault.example.com"]
        """;

    private static BottleManifest Load(string text, string path = "/repo/bottles/test.yaml")
    {
        var result = ManifestLoader.Parse(text, path);
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.FormatErrors()));
        return result.Manifest!;
    }

    [TestMethod]
    public void Every_field_is_read()
    {
        var m = Load(Everything);

        Assert.AreEqual("full-bottle", m.Name);
        Assert.AreEqual(BottleRuntime.Smolvm, m.Runtime);
        Assert.AreEqual("second", m.Instance);
        Assert.AreEqual(7, m.NetworkSalt);
        Assert.AreEqual("/repo/bottles/test.yaml", m.SourcePath);

        Assert.AreEqual("bottle-agent:local", m.Agent.Image);
        Assert.IsNull(m.Agent.Build);
        CollectionAssert.AreEqual(new[] { "claude", "--verbose" }, m.Agent.Command.ToArray());
        Assert.AreEqual("/work", m.Agent.Workdir);
        CollectionAssert.AreEqual(new[] { "B_VAR", "TERM" }, m.Agent.Env.Keys.ToArray(), "env is sorted by name");
        Assert.AreEqual("2", m.Agent.Env["B_VAR"]);
        Assert.AreEqual(1.5, m.Agent.Cpus);
        Assert.AreEqual(512L * 1024 * 1024, m.Agent.MemoryBytes);
        Assert.AreEqual(new WorkspaceSpec(WorkspaceMode.Mount, "/repo/src", null), m.Agent.Workspace);

        var rules = m.Egress.Allow;
        Assert.HasCount(3, rules);
        Assert.AreEqual("api.anthropic.com", rules[0].Host!.Value);
        CollectionAssert.AreEqual(new[] { 443, 8443 }, rules[0].Ports.ToArray());
        CollectionAssert.AreEqual(new[] { "POST", "GET" }, rules[0].Methods.ToArray(), "methods are upper-cased");
        CollectionAssert.AreEqual(new[] { "/v1/", "/v2/" }, rules[0].PathPrefixes.ToArray());
        Assert.AreEqual("anthropic", rules[0].Credential);
        Assert.IsTrue(rules[1].Host!.IsWildcard);
        CollectionAssert.AreEqual(new[] { 443 }, rules[1].Ports.ToArray(), "ports default to 443");
        Assert.IsEmpty(rules[1].Methods);
        Assert.IsEmpty(rules[1].PathPrefixes);
        Assert.IsNull(rules[2].Host);
        Assert.AreEqual(IPNetwork.Parse("10.99.0.0/16"), rules[2].Cidr);
        Assert.AreEqual("/repo/bottles/certs/test-ca.pem", m.Egress.ExtraCa);

        Assert.AreEqual(DlpMode.Warn, m.Dlp.Mode);
        Assert.AreEqual(2L * 1024 * 1024, m.Dlp.MaxBodyBytes);
        CollectionAssert.AreEqual(new[] { "uploads.example.com", "*.blobs.example.com" }, m.Dlp.ExemptHosts.Select(h => h.Value).ToArray());
        Assert.IsTrue(m.Dlp.InlineIgnore);
        var pattern = m.Dlp.Patterns.Single();
        Assert.AreEqual(new DlpPattern("acme-token", "ACME internal token", "acme_([a-z0-9]{32})", pattern.Keywords, 3.5, 1), pattern);
        CollectionAssert.AreEqual(new[] { "acme_" }, pattern.Keywords.ToArray());

        Assert.HasCount(2, m.GitRemotes);
        var origin = m.GitRemotes[0];
        Assert.AreEqual("origin", origin.Name);
        Assert.AreEqual(new GitRemoteUrl("git@github.com:acme/app.git", "ssh", "github.com", 22), origin.Url);
        CollectionAssert.AreEqual(new[] { "refs/heads/bottle/*", "refs/heads/feature/*" }, origin.Push.ToArray());
        Assert.IsTrue(origin.ForcePush && origin.DeleteRefs && origin.Tags);
        Assert.AreEqual("github-ssh", origin.Credential);
        CollectionAssert.AreEqual(new[] { "abc:README.md:generic:3" }, origin.AllowFingerprints.ToArray());
        var mirror = m.GitRemotes[1];
        Assert.AreEqual(new GitRemoteUrl("https://git.example.com:8443/acme/app.git", "https", "git.example.com", 8443), mirror.Url);
        CollectionAssert.AreEqual(new[] { "refs/heads/*" }, mirror.Push.ToArray(), "push defaults to every branch");
        Assert.IsFalse(mirror.ForcePush || mirror.DeleteRefs || mirror.Tags);
        Assert.IsNull(mirror.Credential);

        CollectionAssert.AreEqual(new[] { "anthropic", "github-ssh", "vault-token" }, m.Credentials.Select(c => c.Name).ToArray());
        var anthropic = m.Credentials[0];
        Assert.AreEqual(new CredentialSource(CredentialSourceKind.Env, "ANTHROPIC_API_KEY"), anthropic.Source);
        Assert.AreEqual("x-api-key", anthropic.Header);
        Assert.AreEqual("Bearer {value}", anthropic.Format);
        Assert.AreEqual("api.anthropic.com", anthropic.Hosts.Single().Value);
        Assert.AreEqual("ANTHROPIC_API_KEY", anthropic.AgentEnv);
        var github = m.Credentials[1];
        Assert.AreEqual(new CredentialSource(CredentialSourceKind.File, "/repo/bottles/keys/github"), github.Source);
        Assert.IsNull(github.Header);
        Assert.AreEqual("{value}", github.Format, "format defaults to the bare value");
        Assert.IsNull(github.AgentEnv);
        Assert.AreEqual(new CredentialSource(CredentialSourceKind.Command, "pass show vault"), m.Credentials[2].Source);
    }

    [TestMethod]
    public void A_minimal_manifest_gets_every_default()
    {
        var m = Load("name: tiny\nagent: { image: x }\n");

        Assert.AreEqual(BottleRuntime.Docker, m.Runtime);
        Assert.AreEqual("default", m.Instance);
        Assert.AreEqual(0, m.NetworkSalt);
        Assert.AreEqual("/workspace", m.Agent.Workdir);
        Assert.IsEmpty(m.Agent.Command);
        Assert.IsEmpty(m.Agent.Env);
        Assert.IsNull(m.Agent.Cpus);
        Assert.IsNull(m.Agent.MemoryBytes);
        Assert.IsNull(m.Agent.Workspace);
        Assert.IsEmpty(m.Egress.Allow, "default deny");
        Assert.IsNull(m.Egress.ExtraCa);
        Assert.AreEqual(DlpSettings.Default, m.Dlp);
        Assert.IsEmpty(m.GitRemotes);
        Assert.IsEmpty(m.Credentials);
    }

    [TestMethod]
    public void A_command_string_runs_through_sh_and_build_resolves_against_the_manifest()
    {
        var m = Load("name: b\nagent:\n  build: { context: ../Bottle.Agent }\n  command: echo hi && sleep 1\n");

        CollectionAssert.AreEqual(new[] { "sh", "-c", "echo hi && sleep 1" }, m.Agent.Command.ToArray());
        Assert.AreEqual(new BuildSpec("/repo/Bottle.Agent", "Dockerfile"), m.Agent.Build);
        Assert.IsNull(m.Agent.Image);
    }

    [TestMethod]
    public void Clone_mode_defaults_to_the_first_remote_and_home_paths_stay_for_launch()
    {
        var m = Load("""
            name: c
            agent: { image: x, workspace: { mode: clone } }
            git: { remotes: [ { name: up, url: "ssh://git@example.com:2222/a/b.git", credential: k, hostKeys: ["ssh-ed25519   AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl  a comment"] } ] }
            credentials: { k: { source: { file: ~/.ssh/id }, hosts: [example.com] } }
            """);

        Assert.AreEqual(new WorkspaceSpec(WorkspaceMode.Clone, null, "up"), m.Agent.Workspace);
        Assert.AreEqual(new GitRemoteUrl("ssh://git@example.com:2222/a/b.git", "ssh", "example.com", 2222), m.GitRemotes[0].Url);
        Assert.AreEqual("~/.ssh/id", m.Credentials[0].Source.Value);
        CollectionAssert.AreEqual(new[] { "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl" }, m.GitRemotes[0].HostKeys.ToArray(), "canonical '<type> <base64>', comment dropped");
    }

    [TestMethod]
    public void Ssh_remote_on_github_pins_githubs_published_host_keys_and_https_remotes_pin_none()
    {
        var m = Load("""
            name: c
            agent: { image: x }
            git: { remotes: [ { name: gh, url: "git@github.com:acme/app.git" }, { name: web, url: "https://git.example.com/a.git" } ] }
            """);

        CollectionAssert.AreEqual(PublishedSshHostKeys.GitHub.ToArray(), m.GitRemotes[0].HostKeys.ToArray());
        StringAssert.StartsWith(m.GitRemotes[0].HostKeys[0], "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl");
        Assert.IsEmpty(m.GitRemotes[1].HostKeys);
    }

    [TestMethod]
    [DataRow("hello")]
    [DataRow("implementer")]
    [DataRow("ci")]
    public async Task Shipped_bottles_load(string name)
    {
        var result = await ManifestLoader.LoadAsync(Path.Combine(TestRepository.Root, "bottles", $"{name}.yaml"));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.FormatErrors()));
        Assert.AreEqual(name, result.Manifest!.Name);
    }
}
