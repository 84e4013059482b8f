using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.Tests.Integration.Compose;

/// <summary>A bottle on the real engine: rendered file accepted by Compose, up, exec, down, nothing left, logs kept.</summary>
[TestClass]
[DoNotParallelize]
public sealed class ComposeLifecycleTests
{
    private static readonly TimeSpan UpDeadline = TimeSpan.FromMinutes(3);

    [TestMethod]
    public async Task Rendered_file_is_accepted_by_the_real_compose_config()
    {
        await using var bottle = await ComposeTestBottle.CreateAsync("config");
        StateFiles.EnsurePrivateDirectory(bottle.StateDirectory);
        var file = Path.Combine(bottle.StateDirectory, BottleStateWriter.ComposeFileName);
        StateFiles.WriteText(file, ComposeFileRenderer.Render(bottle.Plan, bottle.StateDirectory), StateFiles.Public);

        var config = await new ComposeCli(bottle.Plan.ComposeProject, file).RunAsync(["config"], CancellationToken.None);

        Assert.AreEqual(0, config.ExitCode, config.StdErr);
        foreach (var service in ComposeServiceNames.All)
        {
            StringAssert.Contains(config.StdOut, $"  {service}:");
        }

        StringAssert.Contains(config.StdOut, "no-new-privileges:true");
        StringAssert.Contains(config.StdOut, $"ipv4_address: {bottle.Plan.Agent.Addresses[0].Address}");
    }

    [TestMethod]
    public async Task Up_exec_down_leaves_nothing_and_keeps_every_services_log()
    {
        await using var bottle = await ComposeTestBottle.CreateAsync("life");
        var session = await bottle.UpAsync(UpDeadline);

        foreach (var sidecar in bottle.Plan.Sidecars)
        {
            Assert.IsTrue(session.Notifications.TryGetCurrentState(sidecar.Role, out var state));
            Assert.AreEqual(KnownResourceStates.Running, state.Snapshot.State?.Text, sidecar.Role);
            Assert.AreEqual(HealthStatus.Healthy, state.Snapshot.HealthStatus, sidecar.Role);
        }

        Assert.IsTrue(session.Notifications.TryGetCurrentState(ComposeServiceNames.Agent, out var agent));
        Assert.AreEqual(KnownResourceStates.Running, agent.Snapshot.State?.Text);
        foreach (var network in bottle.Plan.Networks)
        {
            Assert.IsTrue(session.Notifications.TryGetCurrentState($"network-{network.Role}", out var net));
            Assert.AreEqual(KnownResourceStates.Running, net.Snapshot.State?.Text, network.Name);
        }

        var exec = await bottle.ExecAsync("sh", "-c", "id -un; exit 3");
        Assert.AreEqual(3, exec.ExitCode, exec.Error);
        Assert.AreEqual("agent", exec.Output.Trim());

        var down = await bottle.CliAsync("down", bottle.Plan.Slug);
        Assert.AreEqual(0, down.ExitCode, down.Error);

        Assert.AreEqual((0, 0), await bottle.CountLeftoversAsync());
        var log = await File.ReadAllTextAsync(Path.Combine(bottle.StateDirectory, ComposeTeardown.LogFileName));
        foreach (var service in ComposeServiceNames.All)
        {
            StringAssert.Contains(log, $"{bottle.Plan.ComposeProject}-{service}", $"compose.log has no line from {service}:\n{log}\n(down said: {down.Output}{down.Error})");
        }

        // The app host's own stop after 'down' is idempotent: nothing to remove is not an error.
        await session.StopAsync(CancellationToken.None);
        Assert.AreEqual((0, 0), await bottle.CountLeftoversAsync());
    }

    [TestMethod]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task State_directory_is_private_and_secrets_are_0600()
    {
        await using var bottle = await ComposeTestBottle.CreateAsync("state");
        await bottle.UpAsync(UpDeadline);

        Assert.AreEqual(StateFiles.PrivateDirectory, File.GetUnixFileMode(bottle.StateDirectory));
        Assert.AreEqual(StateFiles.Secret, File.GetUnixFileMode(Path.Combine(bottle.StateDirectory, "ca-key.pem")));
        Assert.AreEqual(StateFiles.Secret, File.GetUnixFileMode(Path.Combine(bottle.StateDirectory, "credentials.json")));
        var metadata = BottleMetadata.TryRead(bottle.StateDirectory);
        Assert.IsNotNull(metadata);
        Assert.AreEqual(Environment.ProcessId, metadata.AppHostPid);
        Assert.IsTrue(AppHostLiveness.IsAlive(metadata));

        // The key is out of the agent's reach: it is mounted into pipelock only.
        var key = await bottle.ExecAsync("test", "-e", "/etc/bottle/ca-key.pem");
        Assert.AreNotEqual(0, key.ExitCode);
    }
}
