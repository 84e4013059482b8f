using System.Runtime.Versioning;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Unit.Agent;

namespace Bottle.Tests.Integration.Agent;

/// <summary>The Claude Code image: the pinned native binary runs in debian:bookworm-slim with no Node.js, through the shim.</summary>
[TestClass]
[TestCategory("Integration")]
[TestCategory("ClaudeImage")]
[UnsupportedOSPlatform("windows")]
public sealed class ClaudeImageTests
{
    [TestMethod]
    public async Task Claude_version_runs_through_the_shim_as_agent()
    {
        var build = await BottleImages.ClaudeAsync();
        Console.WriteLine($"{build.Image}: built={build.Built} in {build.Elapsed.TotalSeconds:F1} s");
        using var ca = TestCertificateAuthority.Create("unused");
        await using var containers = new TestContainers();

        var result = await DockerCommand.RunAsync(
            "run", "--name", containers.NewName("claude"), "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", "--network", "none",
            "-v", $"{ca.Directory}:/etc/bottle:ro", "-e", "HTTPS_PROXY=http://10.77.0.2:8080",
            build.Image, "bottle-agent", "--", "sh", "-c", "id -un; command -v node || echo no-node; claude --version");

        var lines = result.EnsureSuccess("claude --version in the Claude image").Split('\n');
        Assert.AreEqual("agent", lines[0]);
        Assert.AreEqual("no-node", lines[1]);
        StringAssert.StartsWith(lines[2], ImageBuilderContexts.ClaudeCodeVersion);
    }
}
