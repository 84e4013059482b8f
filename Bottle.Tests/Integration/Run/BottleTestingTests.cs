using System.Text.Json;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.AppHost.Testing;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Unit.Planning;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.Tests.Integration.Run;

/// <summary>BottleTesting against the real engine: a real bottle up, commands in the agent, the services, nothing left after dispose.</summary>
[TestClass]
[DoNotParallelize]
public sealed class BottleTestingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Starts_the_ci_bottle_runs_commands_in_the_agent_and_leaves_nothing()
    {
        await RequireImagesAsync();
        var directory = Directory.CreateTempSubdirectory("bottle-testing-ci-").FullName;
        var bottle = await BottleTesting.StartAsync(RunTestBed.CopyCiManifest(directory), new BottleTestingOptions { Progress = Console.WriteLine }, TestContext.CancellationToken);
        var slug = bottle.Plan.Slug;
        string stateDirectory;
        await using (bottle)
        {
            stateDirectory = bottle.StateDirectory;
            Assert.AreNotEqual("default", bottle.Plan.Instance, "each start gets its own instance");

            var hi = await bottle.ExecAsync("echo hi", TestContext.CancellationToken);
            Assert.AreEqual(new BottleExecResult(0, "hi\n", string.Empty), hi);

            var failing = await bottle.ExecAsync(["sh", "-c", "echo out; echo err >&2; exit 7"], TestContext.CancellationToken);
            Assert.AreEqual(new BottleExecResult(7, "out\n", "err\n"), failing);

            var missing = await bottle.ExecAsync(["no-such-program-here"], TestContext.CancellationToken);
            Assert.AreEqual(127, missing.ExitCode, missing.StdErr);

            foreach (var sidecar in bottle.Plan.Sidecars)
            {
                Assert.IsTrue(bottle.Notifications.TryGetCurrentState(sidecar.Role, out var state), sidecar.Role);
                Assert.AreEqual(HealthStatus.Healthy, state.Snapshot.HealthStatus, sidecar.Role);
            }

            Assert.IsTrue(bottle.Notifications.TryGetCurrentState(ComposeServiceNames.Agent, out var agent));
            Assert.AreEqual(KnownResourceStates.Running, agent.Snapshot.State?.Text);
            Assert.IsTrue(bottle.Logs.GetBacklog(bottle.Plan.ComposeProject).Any(l => l.Text.Contains("state written to", StringComparison.Ordinal)));
            Assert.IsTrue(File.Exists(bottle.AuditLogPath));
            Assert.IsNotNull(await bottle.GetAuditEventsAsync(TestContext.CancellationToken));
        }

        Assert.AreEqual(0, (await ComposeTeardown.ListContainersAsync(slug, CancellationToken.None)).Count);
        Assert.AreEqual(0, (await BottleNetworks.ListAsync(slug, CancellationToken.None)).Count);
        Assert.IsFalse(Directory.Exists(stateDirectory), "the temporary state folder outlived the bottle");
        await Assert.ThrowsExactlyAsync<ObjectDisposedException>(() => bottle.ExecAsync("true"));
        Directory.Delete(directory, recursive: true);
    }

    [TestMethod]
    public async Task Credential_override_reaches_egress_and_never_the_agent()
    {
        await RequireImagesAsync();
        var directory = Directory.CreateTempSubdirectory("bottle-testing-cred-").FullName;
        try
        {
            var manifest = Path.Combine(directory, "bottle.yaml");
            var variable = $"BOTTLE_TEST_TOKEN_{Guid.NewGuid():N}";
            await File.WriteAllTextAsync(manifest, $$"""
                name: cred
                agent:
                  image: {{await BottleImages.AgentAsync()}}
                credentials:
                  token:
                    source: { env: {{variable}} }
                    header: Authorization
                    format: "Bearer {value}"
                    hosts: [api.example.test]
                    agentEnv: API_TOKEN
                egress:
                  allow:
                    - host: api.example.test
                """, TestContext.CancellationToken);
            const string Secret = "real-test-value-0123456789";
            var options = new BottleTestingOptions { StateRoot = Path.Combine(directory, "state"), SidecarImage = await BottleImages.SidecarsAsync() };
            options.CredentialEnvironment[variable] = Secret;

            await using var bottle = await BottleTesting.StartAsync(manifest, options, TestContext.CancellationToken);

            Assert.IsNull(Environment.GetEnvironmentVariable(variable), "the override must not touch the process environment");
            var held = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(bottle.StateDirectory, "credentials.json"), TestContext.CancellationToken))!;
            Assert.AreEqual(Secret, held["token"]);
            var env = await bottle.ExecAsync("env", TestContext.CancellationToken);
            Assert.AreEqual(0, env.ExitCode, env.StdErr);
            StringAssert.Matches(env.StdOut, new System.Text.RegularExpressions.Regex("^API_TOKEN=bottle-cred-", System.Text.RegularExpressions.RegexOptions.Multiline));
            Assert.DoesNotContain(Secret, env.StdOut);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public async Task Override_for_a_variable_no_credential_reads_is_refused_by_name()
    {
        var options = new BottleTestingOptions();
        options.CredentialEnvironment["NOT_A_SOURCE"] = "x";

        var error = await Assert.ThrowsExactlyAsync<ArgumentException>(() => BottleTesting.StartAsync(TestRepository.Bottle("ci"), options));

        StringAssert.Contains(error.Message, "NOT_A_SOURCE");
    }

    [TestMethod]
    public async Task Invalid_manifest_throws_with_every_error()
    {
        var directory = Directory.CreateTempSubdirectory("bottle-testing-bad-").FullName;
        try
        {
            var manifest = Path.Combine(directory, "bad.yaml");
            await File.WriteAllTextAsync(manifest, "name: Bad Name\nagent: {}\n", TestContext.CancellationToken);

            var error = await Assert.ThrowsExactlyAsync<BottleApplicationException>(() => BottleTesting.StartAsync(manifest, TestContext.CancellationToken));

            StringAssert.Contains(error.Message, "bad.yaml:1:");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RequireImagesAsync()
    {
        await BottleImages.AgentAsync();
        await BottleImages.SidecarsAsync();
    }
}
