using System.Xml.Linq;
using Bottle.AppHost.Cli;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Unit.Planning;

namespace Bottle.Tests.Integration.Run;

/// <summary><c>bottle run</c> against the real engine: exit codes, streamed output, artifacts, teardown on every path.</summary>
[TestClass]
[DoNotParallelize]
public sealed class RunCommandTests
{
    [TestMethod]
    public async Task Failing_command_exits_with_its_code_and_leaves_the_artifacts()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var run = await bed.RunAsync(bed.CiManifest, [], ["sh", "-c", "exit 3"]);

        Assert.AreEqual(3, run.ExitCode, run.Error);
        var slug = bed.SlugOf("ci");
        Assert.AreEqual((0, 0), await RunTestBed.LeftoversAsync(slug));
        var log = await File.ReadAllTextAsync(bed.Artifact(ComposeTeardown.LogFileName));
        foreach (var service in ComposeServiceNames.All)
        {
            StringAssert.Contains(log, $"bottle-{slug}-{service}", $"compose.log has no line from {service}");
        }

        var cases = TestCases(bed);
        Assert.AreEqual("the command exited with code 3", cases[BottleChecks.CommandCheck]);
        foreach (var role in new[] { "pipelock", "egress", "git-gate" })
        {
            Assert.IsNull(cases[BottleChecks.SidecarCheck(role)], role);
        }

        Assert.IsNull(cases[BottleChecks.AgentCheck]);
    }

    [TestMethod]
    public async Task Succeeding_command_exits_0_with_stdout_and_stderr_streamed_apart()
    {
        await using var bed = await RunTestBed.CreateAsync();

        // id -un: it ran in the agent, as its user; ./build.sh: in the mounted checkout; the CA bundle variable: through the shim.
        var run = await bed.RunAsync(bed.CiManifest, [], ["sh", "-c", "id -un; ./build.sh; echo \"ca=$SSL_CERT_FILE\"; echo to-stderr >&2"]);

        Assert.AreEqual(0, run.ExitCode, run.Error);
        Assert.AreEqual("agent\nbuilt\nca=/home/agent/.bottle/ca-bundle.pem\n", run.Output);
        StringAssert.Contains(run.Error, "to-stderr");
        Assert.IsTrue(TestCases(bed).Values.All(failure => failure is null));
        Assert.AreEqual((0, 0), await RunTestBed.LeftoversAsync(bed.SlugOf("ci")));
    }

    [TestMethod]
    public async Task Command_outliving_the_timeout_exits_71_and_leaves_nothing_running()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var run = await bed.RunAsync(bed.CiManifest, ["--timeout", "3s"], ["sleep", "600"]);

        Assert.AreEqual(RunExitCodes.Timeout, run.ExitCode, run.Error);
        Assert.AreEqual((0, 0), await RunTestBed.LeftoversAsync(bed.SlugOf("ci")));
        StringAssert.StartsWith(TestCases(bed)[BottleChecks.CommandCheck], "timed out: the command ran longer than --timeout 3s");
    }

    [TestMethod]
    public async Task Interrupted_run_exits_130_and_tears_down()
    {
        await using var bed = await RunTestBed.CreateAsync();
        using var output = new MarkerWriter("command-started");
        using var interrupt = new CancellationTokenSource();

        var running = bed.RunAsync(bed.CiManifest, [], ["sh", "-c", "echo command-started; exec sleep 600"], output, interrupt.Token);
        await Task.WhenAny(output.Seen, running);
        Assert.IsTrue(output.Seen.IsCompleted, $"the command never started: {(running.IsCompleted ? (await running).Error : string.Empty)}");
        await interrupt.CancelAsync();
        var run = await running;

        Assert.AreEqual(RunExitCodes.Interrupted, run.ExitCode, run.Error);
        Assert.AreEqual((0, 0), await RunTestBed.LeftoversAsync(bed.SlugOf("ci")));
        StringAssert.StartsWith(TestCases(bed)[BottleChecks.CommandCheck], "interrupted");
    }

    [TestMethod]
    public async Task Bottle_that_cannot_start_exits_70_without_running_the_command()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var manifest = Path.Combine(bed.Directory, "broken.yaml");
        var variable = $"BOTTLE_TEST_UNSET_{Guid.NewGuid():N}";
        await File.WriteAllTextAsync(manifest, $$"""
            name: broken
            agent:
              image: bottle-agent:local
            credentials:
              token:
                source: { env: {{variable}} }
                header: Authorization
                hosts: [api.example.test]
                agentEnv: API_TOKEN
            egress:
              allow:
                - host: api.example.test
            """);

        var run = await bed.RunAsync(manifest, [], ["sh", "-c", "touch /tmp/ran"]);

        Assert.AreEqual(RunExitCodes.BottleFailedToStart, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, $"environment variable '{variable}' is not set");
        Assert.AreEqual((0, 0), await RunTestBed.LeftoversAsync(bed.SlugOf("broken")));
        StringAssert.StartsWith(TestCases(bed)[BottleChecks.CommandCheck], "did not run: the bottle did not come up");
    }

    [TestMethod]
    [DataRow("5x")]
    [DataRow("0s")]
    [DataRow("1.5h")]
    [DataRow("m")]
    public async Task Bad_timeout_is_a_usage_error_naming_the_option(string timeout)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BottleCli.RunAsync(["run", TestRepository.Bottle("ci"), "--timeout", timeout, "--", "true"], output, error);

        Assert.AreEqual(ExitCodes.UsageError, code);
        StringAssert.Contains(error.ToString(), $"--timeout: '{timeout}' is not a duration");
    }

    [TestMethod]
    public async Task Help_documents_the_exit_codes()
    {
        using var output = new StringWriter();

        await BottleCli.RunAsync(["run", "--help"], output, TextWriter.Null);

        foreach (var code in new[] { "70", "71", "72", "73", "130" })
        {
            StringAssert.Contains(output.ToString(), $" {code} ");
        }
    }

    // Test case name -> failure message (null: passed).
    private static Dictionary<string, string?> TestCases(RunTestBed bed) =>
        XDocument.Load(bed.Artifact(JUnitReport.FileName)).Descendants("testcase").ToDictionary(
            c => (string)c.Attribute("name")!,
            c => (string?)c.Element("failure")?.Attribute("message"));
}
