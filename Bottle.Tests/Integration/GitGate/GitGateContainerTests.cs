using System.Text.Json;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Sidecars.Configuration;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Integration.SidecarRoles;

namespace Bottle.Tests.Integration.GitGate;

/// <summary>
/// git-gate in the real sidecar image on a read-only root, with a local remote bind-mounted the way a bottle mounts
/// it (a bare repository owned by another user, shared through its group): it serves it when its /tmp may hold the
/// mirrors' pre-receive hooks, and stays unhealthy (closed) when /tmp is Docker's default noexec tmpfs, where git
/// would skip the hook and accept pushes unscanned.
/// </summary>
[TestClass]
[TestCategory("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GitGateContainerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("/tmp:exec", "Healthy", "git-gate mirror of 'sandbox' is ready", DisplayName = "exec tmpfs: the local remote is served")]
    [DataRow("/tmp", "Unhealthy", "cannot run", DisplayName = "noexec tmpfs: closed, the hook could not run")]
    public async Task Git_gate_serves_a_group_shared_local_remote_only_where_its_hook_can_run(string tmpfs, string status, string logLine)
    {
        var image = await BottleImages.SidecarsAsync();
        await using var containers = new TestContainers();
        using var configs = SidecarConfigSet.CreateForContainer([]);
        var remote = Path.Combine(configs.Directory, "sandbox.git");
        (await DockerCli.RunProgramAsync("git", ["init", "--quiet", "--bare", "--shared=group", remote], TestContext.CancellationToken)).EnsureSuccess("git init");
        var gid = (await DockerCli.RunProgramAsync("stat", ["-c", "%g", remote], TestContext.CancellationToken)).EnsureSuccess("stat");
        configs.Write("git-gate", SidecarConfigJson.Serialize(configs.GitGate with
        {
            Remotes = [new GitRemoteConfig("sandbox", $"{SidecarPaths.LocalRemotes}/sandbox.git", string.Empty, 0, ["refs/heads/bottle/*"], false, false, false, null, null, [], [])],
        }));
        File.SetUnixFileMode(configs.PathOf("git-gate"), (UnixFileMode)0b110_100_100);

        var name = await containers.RunDetachedAsync(
            "git-gate-local",
            [
                "--read-only", "--tmpfs", tmpfs, "--group-add", gid,
                "-v", $"{configs.Directory}:{SidecarPaths.ConfigDirectory}:ro",
                "-v", $"{remote}:{SidecarPaths.LocalRemotes}/sandbox.git",
            ],
            image, "git-gate", "--config", SidecarPaths.ConfigDirectory);
        var address = (await DockerCommand.RunAsync("inspect", "--format", "{{.NetworkSettings.IPAddress}}", name)).EnsureSuccess("docker inspect");

        // The mirror is filled (or refused) before git-gate serves: wait for its log line, then ask /health.
        var logs = await Poll.UntilAsync(
            async () =>
            {
                var result = await DockerCommand.RunAsync(["logs", name], TestContext.CancellationToken);
                var text = result.StdOut + result.StdErr;
                return text.Contains(logLine, StringComparison.Ordinal) ? text : null;
            },
            Deadline,
            $"git-gate's log saying \"{logLine}\"");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var body = await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://{address}:9901/health"), TestContext.CancellationToken);
                    return await response.Content.ReadAsStringAsync(TestContext.CancellationToken);
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            Deadline,
            $"git-gate /health at {address}:9901");

        using var health = JsonDocument.Parse(body);
        Assert.AreEqual(status, health.RootElement.GetProperty("status").GetString(), $"{body}\n{logs}");
    }
}
