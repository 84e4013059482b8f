using Bottle.AppHost.Manifest;

namespace Bottle.Tests.Unit.Manifest;

/// <summary>Every error class, each alone in an otherwise valid manifest: exactly one line, with path, line and column.</summary>
[TestClass]
public sealed class ManifestErrorTests
{
    private const string Valid = "name: t\nagent: { image: x }\n";

    [TestMethod]
    [DataRow(Valid + "extra: 1", "t.yaml:3:1: extra: unknown key 'extra'", DisplayName = "unknown key")]
    [DataRow("name: t\nagent: { image: x, cpu: 2 }", "t.yaml:2:20: agent.cpu: unknown key 'cpu'", DisplayName = "unknown nested key")]
    [DataRow("name: [t]\nagent: { image: x }", "t.yaml:1:7: name: expected a single value, found a list", DisplayName = "wrong type: list for text")]
    [DataRow("name: t\nagent: { image: x, cpus: lots }", "t.yaml:2:26: agent.cpus: expected a number, found 'lots'", DisplayName = "wrong type: text for number")]
    [DataRow(Valid + "egress: { allow: { host: a.com } }", "t.yaml:3:18: egress.allow: expected a list, found a mapping", DisplayName = "wrong type: mapping for list")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'git@github.com:a', tags: yes } ] }", "t.yaml:3:61: git.remotes[0].tags: expected true or false, found 'yes'", DisplayName = "wrong type: bool")]
    [DataRow("agent: { image: x }", "t.yaml:1:1: name: 'name' is required", DisplayName = "missing name")]
    [DataRow("name: t", "t.yaml:1:1: agent: 'agent' is required", DisplayName = "missing agent")]
    [DataRow("name: t\nagent: { cpus: 1 }", "t.yaml:2:8: agent: the agent names exactly one of 'image' or 'build'", DisplayName = "neither image nor build")]
    [DataRow("name: t\nagent: { image: x, build: { context: . } }", "t.yaml:2:8: agent: the agent names exactly one of 'image' or 'build'", DisplayName = "both image and build")]
    [DataRow(Valid + "egress:\n  allow:\n    - host: exa mple.com", "t.yaml:5:13: egress.allow[0].host: 'exa mple.com' is not a valid host name", DisplayName = "bad host pattern")]
    [DataRow(Valid + "egress:\n  allow:\n    - host: '*'", "t.yaml:5:13: egress.allow[0].host: '*' is not a host pattern: a wildcard is allowed only as a leading '*.'", DisplayName = "bare wildcard")]
    [DataRow(Valid + "egress:\n  allow:\n    - cidr: 10.99.0.1/16", "t.yaml:5:13: egress.allow[0].cidr: '10.99.0.1/16' is not a CIDR", DisplayName = "bad CIDR")]
    [DataRow(Valid + "egress:\n  allow:\n    - { host: a.com, cidr: 10.0.0.0/8 }", "t.yaml:5:7: egress.allow[0]: a rule names exactly one of 'host' or 'cidr'", DisplayName = "host and cidr")]
    [DataRow(Valid + "egress:\n  allow:\n    - { host: a.com, ports: [443, 70000] }", "t.yaml:5:35: egress.allow[0].ports[1]: 70000 is out of range (1 to 65535)", DisplayName = "bad port")]
    [DataRow(Valid + "egress:\n  allow:\n    - { host: a.com, ports: [443, 443] }", "t.yaml:5:35: egress.allow[0].ports[1]: duplicate port '443'", DisplayName = "duplicate port")]
    [DataRow(Valid + "egress:\n  allow:\n    - { host: a.com, methods: [FETCH] }", "t.yaml:5:32: egress.allow[0].methods[0]: 'FETCH' is not an HTTP method", DisplayName = "bad method")]
    [DataRow(Valid + "egress:\n  allow:\n    - { host: a.com, paths: [v1/] }", "t.yaml:5:30: egress.allow[0].paths[0]: 'v1/' is not a path prefix", DisplayName = "bad path")]
    [DataRow("name: t\nagent: { image: x, memory: 4 zettabytes }", "t.yaml:2:28: agent.memory: '4 zettabytes' is not a size", DisplayName = "bad size")]
    [DataRow(Valid + "dlp: { maxBodyBytes: 0 }", "t.yaml:3:22: dlp.maxBodyBytes: '0' is out of range", DisplayName = "zero size")]
    [DataRow(Valid + "egress: { allow: [ { host: a.com, credential: nope } ] }", "t.yaml:3:47: egress.allow[0].credential: unknown credential 'nope' (none are defined", DisplayName = "unknown credential ref")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'git@github.com:a', credential: nope } ] }", "t.yaml:3:67: git.remotes[0].credential: unknown credential 'nope'", DisplayName = "unknown git credential ref")]
    [DataRow(Valid + "egress: { allow: [ { host: b.com, credential: k } ] }\ncredentials: { k: { source: { env: K }, hosts: [a.com] } }", "t.yaml:3:47: egress.allow[0].credential: credential 'k' may not go to 'b.com'", DisplayName = "credential for another host")]
    [DataRow(Valid + "egress: { allow: [ { cidr: 10.0.0.0/8, credential: k } ] }\ncredentials: { k: { source: { env: K }, hosts: [a.com] } }", "t.yaml:3:52: egress.allow[0].credential: a credential goes only to named hosts", DisplayName = "credential on a CIDR rule")]
    [DataRow("name: t\nname: u\nagent: { image: x }", "t.yaml:2:1: name: duplicate key 'name'", DisplayName = "duplicate key")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'git@github.com:a' }, { name: o, url: 'git@github.com:b' } ] }", "t.yaml:3:65: git.remotes[1].name: duplicate remote name 'o'", DisplayName = "duplicate remote")]
    [DataRow(Valid + "credentials:\n  k: { source: { env: K }, hosts: [a.com] }\n  k: { source: { env: L }, hosts: [a.com] }", "t.yaml:5:3: credentials.k: duplicate credential 'k'", DisplayName = "duplicate credential")]
    [DataRow(Valid + "dlp: { patterns: [ { id: p, regex: a }, { id: p, regex: b } ] }", "t.yaml:3:47: dlp.patterns[1].id: duplicate pattern id 'p'", DisplayName = "duplicate pattern id")]
    [DataRow(Valid + "credentials:\n  k: { source: { env: K }, hosts: [a.com], agentEnv: TOKEN }\n  l: { source: { env: L }, hosts: [a.com], agentEnv: TOKEN }", "t.yaml:5:54: credentials.l.agentEnv: duplicate agentEnv 'TOKEN'", DisplayName = "duplicate agentEnv")]
    [DataRow("name: t\nruntime: podman\nagent: { image: x }", "t.yaml:2:10: runtime: 'podman' is not one of: docker, smolvm", DisplayName = "bad runtime")]
    [DataRow(Valid + "dlp: { mode: loud }", "t.yaml:3:14: dlp.mode: 'loud' is not one of: block, warn, audit", DisplayName = "bad dlp mode")]
    [DataRow("name: t\nagent: { image: x, workspace: { path: ., mode: copy } }", "t.yaml:2:48: agent.workspace.mode: 'copy' is not one of: mount, clone", DisplayName = "bad workspace mode")]
    [DataRow(Valid + "dlp: { patterns: [ { id: p, regex: '(?<=a)b' } ] }", "t.yaml:3:36: dlp.patterns[0].regex: the regex does not compile with RegexOptions.NonBacktracking", DisplayName = "regex unsupported by NonBacktracking")]
    [DataRow(Valid + "dlp: { patterns: [ { id: p, regex: '([a-z' } ] }", "t.yaml:3:36: dlp.patterns[0].regex: the regex does not compile", DisplayName = "regex syntax")]
    [DataRow(Valid + "dlp: { patterns: [ { id: p, regex: 'a(b)', secretGroup: 2 } ] }", "t.yaml:3:57: dlp.patterns[0].secretGroup: the regex has no group 2", DisplayName = "missing secret group")]
    [DataRow("name: Hello\nagent: { image: x }", "t.yaml:1:7: name: 'Hello' must start with a lower-case letter", DisplayName = "bad name")]
    [DataRow("name: t\nagent: { image: x, env: { HTTP_PROXY: x } }", "t.yaml:2:27: agent.env.HTTP_PROXY: 'HTTP_PROXY' is set by bottle itself", DisplayName = "reserved env")]
    [DataRow("name: t\nagent: { image: x, env: { 1X: x } }", "t.yaml:2:27: agent.env.1X: '1X' is not an environment variable name", DisplayName = "bad env name")]
    [DataRow("name: t\nagent: { image: x, workspace: { mode: clone } }", "t.yaml:2:31: agent.workspace.mode: mode clone needs a git remote", DisplayName = "clone without remote")]
    [DataRow("name: t\nagent: { image: x, workspace: { mode: mount } }", "t.yaml:2:31: agent.workspace.path: 'path' is required", DisplayName = "mount without path")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'http://h.com/a.git' } ] }", "t.yaml:3:35: git.remotes[0].url: 'http://h.com/a.git' is not a remote bottle can push to", DisplayName = "plain http remote")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'git@github.com:a', push: [main] } ] }", "t.yaml:3:62: git.remotes[0].push[0]: 'main' is not a ref pattern", DisplayName = "bad ref pattern")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'git@h.com:a' } ] }", "t.yaml:3:35: git.remotes[0].hostKeys: ssh remote 'git@h.com:a' needs hostKeys", DisplayName = "ssh remote without host keys")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'git@h.com:a', hostKeys: ['h.com ssh-ed25519 AAAA'] } ] }", "t.yaml:3:61: git.remotes[0].hostKeys[0]: 'h.com' is not an ssh host key type", DisplayName = "host key with the host in front")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'git@h.com:a', hostKeys: ['ssh-ed25519 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmK'] } ] }", "t.yaml:3:61: git.remotes[0].hostKeys[0]: the key 'AAAAE2VjZHNhLXNoYTItbmlz…' is not a ssh-ed25519 key", DisplayName = "host key blob of another type")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'git@h.com:a', hostKeys: ['ssh-ed25519 not*base64'] } ] }", "t.yaml:3:61: git.remotes[0].hostKeys[0]: the ssh-ed25519 key 'not*base64' is not valid base64", DisplayName = "host key not base64")]
    [DataRow(Valid + "git: { remotes: [ { name: o, url: 'https://h.com/a', hostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'] } ] }", "t.yaml:3:64: git.remotes[0].hostKeys: host keys are for ssh remotes", DisplayName = "host keys on an https remote")]
    [DataRow(Valid + "credentials: { k: { source: { env: K, file: f }, hosts: [a.com] } }", "t.yaml:3:29: credentials.k.source: a source names exactly one of env, file or command (found env, file)", DisplayName = "two sources")]
    [DataRow(Valid + "credentials: { k: { source: { env: K }, format: 'Bearer', hosts: [a.com] } }", "t.yaml:3:49: credentials.k.format: 'Bearer' must hold '{value}'", DisplayName = "format without value")]
    [DataRow(Valid + "credentials: { k: { source: { env: K } } }", "t.yaml:3:19: credentials.k.hosts: a credential names the hosts it may go to", DisplayName = "credential without hosts")]
    [DataRow(Valid + "credentials: { K: { source: { env: K }, hosts: [a.com] } }", "t.yaml:3:16: credentials.K: 'K' may hold only lower-case letters, digits and '-'", DisplayName = "bad credential name")]
    [DataRow("name: t\nagent: { image: x\n", "t.yaml:3:1: not valid YAML", DisplayName = "YAML syntax")]
    [DataRow("", "t.yaml:1:1: the manifest is empty", DisplayName = "empty")]
    [DataRow("name: &n t\nagent: { image: x }", "t.yaml:1:7: not valid YAML: anchors and aliases", DisplayName = "anchors")]
    [DataRow("- name: t", "t.yaml:1:1: expected a mapping, found a list", DisplayName = "root not a mapping")]
    public void Each_error_class_gives_one_precise_line(string yaml, string expected)
    {
        var result = ManifestLoader.Parse(yaml, "t.yaml");

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Manifest, "no manifest when there are errors");
        var lines = result.FormatErrors().ToList();
        Assert.HasCount(1, lines, string.Join("\n", lines));
        Assert.StartsWith(expected, lines[0]);
    }

    [TestMethod]
    public void Five_mistakes_give_five_errors_in_document_order()
    {
        var result = ManifestLoader.Parse(FiveMistakes.Text, "bad.yaml");

        CollectionAssert.AreEqual(FiveMistakes.ExpectedPrefixes, result.FormatErrors().Select(l => l[..l.IndexOf(": ", l.IndexOf(": ", StringComparison.Ordinal) + 2, StringComparison.Ordinal)]).ToArray());
    }
}
