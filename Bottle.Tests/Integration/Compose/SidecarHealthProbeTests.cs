using Bottle.AppHost.Runtimes.Compose;
using Bottle.Sidecars.Configuration;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Integration.SidecarRoles;

namespace Bottle.Tests.Integration.Compose;

/// <summary>The rendered sidecar healthcheck (bash <c>/dev/tcp</c>, not a .NET start) run inside the real sidecar image.</summary>
[TestClass]
public sealed class SidecarHealthProbeTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    // Compose turns "$$" into "$"; the container sees the unescaped script.
    private static readonly string Probe = ComposeFileRenderer.HealthProbe.Replace("$$", "$", StringComparison.Ordinal);

    [TestMethod]
    public async Task The_probe_passes_once_the_sidecar_answers_health()
    {
        var image = await BottleImages.SidecarsAsync();
        await using var containers = new TestContainers();
        using var configs = SidecarConfigSet.CreateForContainer([]);
        var name = await containers.RunDetachedAsync("probe-ok", ["-v", $"{configs.Directory}:{SidecarPaths.ConfigDirectory}:ro"], image, "egress", "--config", SidecarPaths.ConfigDirectory);

        await Poll.UntilAsync(
            async () => (await DockerCommand.RunAsync("exec", name, "bash", "-c", Probe)).ExitCode == 0 ? "healthy" : null,
            StartDeadline,
            "the rendered healthcheck to pass in a running sidecar");
    }

    [TestMethod]
    public async Task The_probe_fails_when_nothing_answers_on_the_admin_port()
    {
        var image = await BottleImages.SidecarsAsync();
        await using var containers = new TestContainers();
        var name = await containers.RunDetachedAsync("probe-none", ["--entrypoint", "sleep"], image, "300");

        var probe = await DockerCommand.RunAsync("exec", name, "bash", "-c", Probe);

        Assert.AreEqual(1, probe.ExitCode, probe.StdErr);
    }
}
