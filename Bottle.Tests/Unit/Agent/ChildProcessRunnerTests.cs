using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Bottle.Agent.Processes;
using Bottle.Agent.Shim;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.Unit.Agent;

[TestClass]
[UnsupportedOSPlatform("windows")]
public sealed class ChildProcessRunnerTests
{
    [TestMethod]
    public async Task The_childs_exit_code_comes_back()
    {
        using var temp = new TempDirectory();

        Assert.AreEqual(7, await RunAsync(temp, "exit 7"));
    }

    [TestMethod]
    public async Task The_child_gets_exactly_the_given_environment_and_working_directory()
    {
        using var temp = new TempDirectory();

        await RunAsync(temp, "printf '%s|%s|%s' \"$GIVEN\" \"$HOME\" \"$PWD\" > out", new() { ["GIVEN"] = "yes" });

        Assert.AreEqual($"yes||{temp.Path}", File.ReadAllText(temp["out"]));
    }

    [TestMethod]
    public async Task A_child_killed_by_a_signal_reports_128_plus_the_signal()
    {
        using var temp = new TempDirectory();

        Assert.AreEqual(128 + 15, await RunAsync(temp, "kill -TERM $$"));
    }

    [TestMethod]
    public async Task A_forwarded_SIGTERM_runs_the_childs_trap_and_its_exit_code_comes_back()
    {
        using var temp = new TempDirectory();
        var runner = new ChildProcessRunner { UnderTerminal = false };

        var run = runner.RunAsync(
            ["sh", "-c", "trap 'echo trapped > trap; exit 42' TERM; echo > ready; while :; do sleep 0.05; done"],
            ShellEnvironment(),
            temp.Path,
            CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(File.Exists(temp["ready"]) ? "ready" : null), TimeSpan.FromSeconds(20), "the child to set its trap");
        runner.Forward(PosixSignal.SIGTERM);

        Assert.AreEqual(42, await run);
        Assert.AreEqual("trapped\n", File.ReadAllText(temp["trap"]));
    }

    [TestMethod]
    public async Task A_signal_that_arrives_before_the_child_starts_is_delivered_when_it_does()
    {
        using var temp = new TempDirectory();
        var runner = new ChildProcessRunner { UnderTerminal = false };
        runner.Forward(PosixSignal.SIGTERM);

        // No trap: the queued SIGTERM ends the child as soon as it exists instead of being lost.
        var exit = await runner.RunAsync(["sh", "-c", "while :; do sleep 0.05; done"], ShellEnvironment(), temp.Path, CancellationToken.None);

        Assert.AreEqual(128 + 15, exit);
    }

    [TestMethod]
    public async Task A_command_not_on_PATH_is_127_and_a_non_executable_file_is_126()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["script"], "#!/bin/sh\n");
        var runner = new ChildProcessRunner { UnderTerminal = false };

        var notFound = await Assert.ThrowsExactlyAsync<ShimFailureException>(
            () => runner.RunAsync(["no-such-command-here"], ShellEnvironment(), temp.Path, CancellationToken.None));
        var notExecutable = await Assert.ThrowsExactlyAsync<ShimFailureException>(
            () => runner.RunAsync([temp["script"]], ShellEnvironment(), temp.Path, CancellationToken.None));

        Assert.AreEqual(ShimExitCodes.NotFound, notFound.ExitCode);
        StringAssert.Contains(notFound.Message, "no-such-command-here: command not found");
        Assert.AreEqual(ShimExitCodes.NotExecutable, notExecutable.ExitCode);
        StringAssert.Contains(notExecutable.Message, temp["script"]);
    }

    private static Dictionary<string, string> ShellEnvironment() => new() { ["PATH"] = "/usr/local/bin:/usr/bin:/bin" };

    private static Task<int> RunAsync(TempDirectory temp, string script, Dictionary<string, string>? extra = null)
    {
        var env = ShellEnvironment();
        foreach (var (k, v) in extra ?? [])
        {
            env[k] = v;
        }

        return new ChildProcessRunner { UnderTerminal = false }.RunAsync(["sh", "-c", script], env, temp.Path, CancellationToken.None);
    }
}
