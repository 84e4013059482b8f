using System.Text.Json;
using Bottle.Sidecars.Configuration;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Integration.Pipelock;
using Bottle.Tests.Integration.SidecarRoles;

namespace Bottle.Tests.Integration.Images;

[TestClass]
[TestCategory("Integration")]
public sealed class SidecarImageTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    // Docker's default stop grace period: a sidecar that needs SIGKILL after it exits 137 instead.
    private const int StopGraceSeconds = 10;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("pipelock")]
    [DataRow("egress")]
    [DataRow("git-gate")]
    [DataRow("all")]
    public async Task Container_answers_health_for_its_role_and_stops_cleanly_on_docker_stop(string role)
    {
        var image = await BottleImages.SidecarsAsync();
        await using var containers = new TestContainers();
        using var configs = SidecarConfigSet.CreateForContainer([TestRules.Host("api.example.com")]);
        var name = await containers.RunDetachedAsync("sidecar", ["-v", $"{configs.Directory}:{SidecarPaths.ConfigDirectory}:ro"], image, role, "--config", SidecarPaths.ConfigDirectory);
        var address = (await DockerCommand.RunAsync("inspect", "--format", "{{.NetworkSettings.IPAddress}}", name))
            .EnsureSuccess("docker inspect");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var body = await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    return await http.GetStringAsync(new Uri($"http://{address}:9901/health"), TestContext.CancellationToken);
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            StartDeadline,
            $"/health of the {role} container at {address}:9901");

        using var health = JsonDocument.Parse(body);
        Assert.AreEqual("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.AreEqual(role, health.RootElement.GetProperty("role").GetString());
        Assert.IsFalse(string.IsNullOrWhiteSpace(health.RootElement.GetProperty("version").GetString()));
        using var alive = await http.GetAsync(new Uri($"http://{address}:9901/alive"), TestContext.CancellationToken);
        Assert.IsTrue(alive.IsSuccessStatusCode, $"/alive answered {(int)alive.StatusCode}");

        (await DockerCommand.RunAsync("stop", "--time", StopGraceSeconds.ToString(), name)).EnsureSuccess("docker stop");

        var exitCode = int.Parse((await DockerCommand.RunAsync("inspect", "--format", "{{.State.ExitCode}}", name)).EnsureSuccess("docker inspect"));
        Assert.IsTrue(exitCode is 0 or 143, $"the {role} sidecar exited {exitCode} on docker stop (137 means SIGKILL after the grace period)");
        var logs = await DockerCommand.RunAsync("logs", name);
        StringAssert.Contains(logs.StdOut, $"Sidecar {role} stopped", "the graceful shutdown path did not run");
    }

    [TestMethod]
    public async Task Docker_reports_the_container_healthy_through_the_image_healthcheck()
    {
        var image = await BottleImages.SidecarsAsync();
        await using var containers = new TestContainers();
        using var configs = SidecarConfigSet.CreateForContainer([]);
        var name = await containers.RunDetachedAsync("health", ["-v", $"{configs.Directory}:{SidecarPaths.ConfigDirectory}:ro"], image, "egress", "--config", SidecarPaths.ConfigDirectory);

        // The image's HEALTHCHECK runs `bottle-sidecars probe` (no curl in the image) every 5 s.
        await Poll.UntilAsync(
            async () =>
            {
                var status = (await DockerCommand.RunAsync("inspect", "--format", "{{.State.Health.Status}}", name)).StdOut.Trim();
                return status == "healthy" ? status : null;
            },
            StartDeadline,
            "Docker health status 'healthy'");
    }

    [TestMethod]
    public async Task An_unknown_role_exits_2_and_names_the_role()
    {
        var image = await BottleImages.SidecarsAsync();
        await using var containers = new TestContainers();
        var result = await DockerCommand.RunAsync("run", "--name", containers.NewName("badrole"), "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", image, "pipelok");

        Assert.AreEqual(2, result.ExitCode);
        StringAssert.Contains(result.StdErr, "unknown role 'pipelok'");
    }

    [TestMethod]
    public async Task Sidecar_runs_as_a_non_root_user_and_has_git_and_ca_certificates()
    {
        var image = await BottleImages.SidecarsAsync();
        await using var containers = new TestContainers();
        var result = await DockerCommand.RunAsync(
            "run", "--name", containers.NewName("sidecar-user"), "--label", $"{TestContainers.LabelName}={TestContainers.RunId}",
            "--entrypoint", "sh", image, "-c", "id -u && git --version && test -s /etc/ssl/certs/ca-certificates.crt && echo certs-ok");

        var lines = result.EnsureSuccess("sidecar image check").Split('\n');
        Assert.AreEqual("10001", lines[0]);
        StringAssert.StartsWith(lines[1], "git version");
        Assert.AreEqual("certs-ok", lines[2]);
    }
}
