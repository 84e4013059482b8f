using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.Integration.Images;

[TestClass]
[TestCategory("Integration")]
public sealed class AgentImageTests
{
    [TestMethod]
    public async Task Agent_runs_as_uid_1000_named_agent_in_workspace_with_git_and_curl()
    {
        var image = await BottleImages.AgentAsync();
        await using var containers = new TestContainers();
        var result = await DockerCommand.RunAsync(
            "run", "--name", containers.NewName("agent"), "--label", $"{TestContainers.LabelName}={TestContainers.RunId}",
            image, "sh", "-c", "id -u && id -un && pwd && git --version && curl --version");

        var lines = result.EnsureSuccess("agent image check").Split('\n');
        Assert.AreEqual("1000", lines[0]);
        Assert.AreEqual("agent", lines[1]);
        Assert.AreEqual("/workspace", lines[2]);
        StringAssert.StartsWith(lines[3], "git version");
        StringAssert.StartsWith(lines[4], "curl ");
    }

    [TestMethod]
    public async Task Agent_default_command_keeps_the_container_running()
    {
        var image = await BottleImages.AgentAsync();
        await using var containers = new TestContainers();
        var name = await containers.RunDetachedAsync("agent-idle", image);

        var state = (await DockerCommand.RunAsync("inspect", "--format", "{{.State.Running}} {{json .Config.Cmd}}", name))
            .EnsureSuccess("docker inspect");
        Assert.AreEqual("true [\"sleep\",\"infinity\"]", state);
    }
}
