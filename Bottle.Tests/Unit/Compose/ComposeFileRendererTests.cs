using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using YamlDotNet.RepresentationModel;

namespace Bottle.Tests.Unit.Compose;

[TestClass]
public sealed class ComposeFileRendererTests
{
    private const string StateDirectory = "/var/state/bottle/x";

    [TestMethod]
    public async Task Every_service_is_labelled_capless_and_on_pinned_addresses_of_external_networks()
    {
        var plan = await PlanAsync();
        var root = Parse(ComposeFileRenderer.Render(plan, StateDirectory));
        var services = (YamlMappingNode)root["services"];

        CollectionAssert.AreEquivalent(ComposeServiceNames.All.ToList(), services.Children.Keys.Select(k => k.ToString()).ToList());
        foreach (var (key, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            var labels = (YamlMappingNode)service["labels"];
            Assert.AreEqual("true", labels["io.bottle.managed"].ToString(), $"{key}");
            Assert.AreEqual(plan.Slug, labels["io.bottle.slug"].ToString(), $"{key}");
            Assert.AreEqual("ALL", ((YamlSequenceNode)service["cap_drop"]).Single().ToString(), $"{key}");
            Assert.AreEqual("no-new-privileges:true", ((YamlSequenceNode)service["security_opt"]).Single().ToString(), $"{key}");
        }

        foreach (var sidecar in plan.Sidecars)
        {
            var service = (YamlMappingNode)services[sidecar.Role];
            Assert.AreEqual("true", service["read_only"].ToString(), sidecar.Role);
            Assert.IsTrue(service.Children.ContainsKey("healthcheck"), sidecar.Role);

            // git runs git-gate's pre-receive hook (the push gate) from its mirrors in /tmp: Docker's default noexec would skip it.
            Assert.AreEqual(sidecar.Role == "git-gate" ? "/tmp:exec" : "/tmp", ((YamlSequenceNode)service["tmpfs"]).Single().ToString(), sidecar.Role);
            // git-gate's runtime setting (measured in bench/BENCHMARKS.md) is its own: pipelock and egress keep the defaults.
            Assert.AreEqual(
                sidecar.Role == "git-gate" ? "0" : null,
                service.Children.TryGetValue("environment", out var environment) ? ((YamlMappingNode)environment)["DOTNET_TieredPGO"].ToString() : null,
                sidecar.Role);
            var networks = (YamlMappingNode)service["networks"];
            foreach (var address in sidecar.Addresses)
            {
                var network = plan.Networks.Single(n => n.Role == address.Network).Name;
                Assert.AreEqual(address.Address, ((YamlMappingNode)networks[network])["ipv4_address"].ToString());
            }
        }

        // The agent is on the agent network only, and runs sleep infinity, not the agent command.
        var agent = (YamlMappingNode)services["agent"];
        Assert.AreEqual(plan.Networks.Single(n => n.Role == "agent").Name, ((YamlMappingNode)agent["networks"]).Children.Keys.Single().ToString());
        StringAssert.EndsWith(((YamlSequenceNode)agent["command"]).Last().ToString(), "exec sleep infinity");

        foreach (var (_, network) in ((YamlMappingNode)root["networks"]).Children)
        {
            Assert.AreEqual("true", ((YamlMappingNode)network)["external"].ToString());
        }
    }

    [TestMethod]
    public async Task Secrets_reach_only_the_sidecar_that_holds_them_and_read_only()
    {
        var plan = await PlanAsync();
        var services = (YamlMappingNode)Parse(ComposeFileRenderer.Render(plan, StateDirectory))["services"];
        string[] Mounts(string service) =>
            [.. ((YamlSequenceNode)((YamlMappingNode)services[service])["volumes"]).Cast<YamlMappingNode>()
                .Select(v => $"{v["source"]}:{v["read_only"]}")];

        CollectionAssert.Contains(Mounts("pipelock"), $"{StateDirectory}/ca-key.pem:true");
        CollectionAssert.Contains(Mounts("egress"), $"{StateDirectory}/credentials.json:true");
        foreach (var service in new[] { "agent", "git-gate", "egress" })
        {
            Assert.IsFalse(Mounts(service).Any(m => m.Contains("ca-key.pem", StringComparison.Ordinal)), service);
        }

        Assert.IsFalse(Mounts("agent").Any(m => m.Contains("credentials.json", StringComparison.Ordinal)));
    }

    [TestMethod]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Atomic_write_gives_the_exact_mode_and_leaves_no_temp_file()
    {
        var directory = Directory.CreateTempSubdirectory("bottle-statefiles-").FullName;
        try
        {
            var state = Path.Combine(directory, "slug");
            StateFiles.EnsurePrivateDirectory(state);
            var key = Path.Combine(state, "ca-key.pem");
            StateFiles.WriteText(key, "old", StateFiles.Public);
            StateFiles.WriteText(key, "secret", StateFiles.Secret);

            Assert.AreEqual(StateFiles.PrivateDirectory, File.GetUnixFileMode(state));
            Assert.AreEqual(StateFiles.Secret, File.GetUnixFileMode(key));
            Assert.AreEqual("secret", File.ReadAllText(key));
            Assert.AreEqual(1, Directory.GetFiles(state).Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public async Task Credential_file_written_with_a_home_relative_path_is_read_from_the_home_folder()
    {
        // implementer.yaml names its key as ~/.ssh/...: the manifest keeps '~/' as written, so the reader expands it.
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var name = $".bottle-test-cred-{Guid.NewGuid():N}";
        var file = Path.Combine(home, name);
        await File.WriteAllTextAsync(file, "from-home\n");
        try
        {
            Assert.AreEqual("from-home", await CredentialReader.ReadAsync("h", new(CredentialSourceKind.File, $"~/{name}"), CancellationToken.None));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Credentials_are_read_from_env_file_and_command_and_errors_never_show_values()
    {
        var variable = $"BOTTLE_TEST_CRED_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "from-env");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "from-file\n");
            Assert.AreEqual("from-env", await CredentialReader.ReadAsync("a", new(CredentialSourceKind.Env, variable), CancellationToken.None));
            Assert.AreEqual("from-file", await CredentialReader.ReadAsync("b", new(CredentialSourceKind.File, file), CancellationToken.None));
            Assert.AreEqual("from-command", await CredentialReader.ReadAsync("c", new(CredentialSourceKind.Command, "echo from-command"), CancellationToken.None));

            // The failing command prints the secret on stderr; the error must name the credential, not repeat it.
            var failing = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
                () => CredentialReader.ReadAsync("d", new(CredentialSourceKind.Command, $"cat '{file}' >&2; exit 4"), CancellationToken.None));
            StringAssert.Contains(failing.Message, "credential 'd'");
            Assert.IsFalse(failing.Message.Contains("from-file", StringComparison.Ordinal));
            var missing = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
                () => CredentialReader.ReadAsync("e", new(CredentialSourceKind.Env, variable + "_MISSING"), CancellationToken.None));
            StringAssert.Contains(missing.Message, variable + "_MISSING");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            File.Delete(file);
        }
    }

    private static async Task<BottlePlan> PlanAsync()
    {
        var directory = Directory.CreateTempSubdirectory("bottle-render-").FullName;
        try
        {
            var path = Path.Combine(directory, "bottle.yaml");
            await File.WriteAllTextAsync(path, """
                name: render
                agent:
                  image: agent:test
                egress:
                  allow:
                    - host: "api.example.test"
                      ports: [443]
                """);
            var loaded = await ManifestLoader.LoadAsync(path, CancellationToken.None);
            Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.FormatErrors()));
            return BottlePlanner.Prepare(loaded.Manifest!, PlanOptions.Default);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
