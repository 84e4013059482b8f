using System.Diagnostics;
using System.Runtime.Versioning;
using Bottle.AppHost.Cli;
using Bottle.AppHost.Hosting.Executables;
using Bottle.Tests.Integration.Compose;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.Integration.Attach;

/// <summary>
/// <c>bottle attach &lt;slug&gt;</c> as a person runs it: a real child process on a real pseudo-terminal (its stdin,
/// stdout, stderr and controlling terminal), against a real bottle. What the person sees is what the tests read:
/// <c>stty size</c> inside the agent, the exit code, and the terminal's modes (tcgetattr) before, during and after.
/// </summary>
[TestClass]
[DoNotParallelize]
[SupportedOSPlatform("linux")]
public sealed class AttachCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static Task<ComposeTestBottle>? bottle;

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (bottle is { IsCompletedSuccessfully: true })
        {
            await (await bottle).DisposeAsync();
        }
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Attach_follows_the_window_size_and_exits_with_the_command_code_leaving_the_terminal_as_it_was()
    {
        var running = await RunningBottleAsync();
        using var terminal = Pseudoterminal.Open(33, 111);
        var before = terminal.Modes();
        Assert.IsTrue(before is { Echo: true, Canonical: true }, $"a fresh pty is in cooked mode: {before}");
        using var attach = TerminalSession.Start(terminal, Attach(running, running.Plan.Slug));

        var during = await RawModeAsync(terminal, attach);
        Assert.IsFalse(during.Echo, "in raw mode the agent's side echoes, not ours");
        Assert.AreEqual("33 111", await attach.AskAsync("$(stty size)", Deadline), "the agent's terminal starts at the size of ours");
        StringAssert.EndsWith(await attach.AskAsync("$SSL_CERT_FILE", Deadline), "/.bottle/ca-bundle.pem", "the command runs through the shim, which trusts the bottle CA");

        terminal.Resize(44, 122);
        Assert.AreEqual("44 122", terminal.Size());
        await Poll.UntilAsync(
            async () => await attach.AskAsync("$(stty size)", Deadline) == "44 122" ? "resized" : null,
            Deadline, "'stty size' in the agent to report the resized window 44 122");

        attach.Type("exit 7\r");
        Assert.AreEqual(7, await attach.WaitForExitAsync(Deadline), attach.Transcript);
        Assert.AreEqual(before, terminal.Modes(), "the terminal's settings are back to what they were before attach");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Sigterm_to_attach_ends_its_docker_client_and_restores_the_terminal()
    {
        var running = await RunningBottleAsync();
        using var terminal = Pseudoterminal.Open(30, 100);
        var before = terminal.Modes();
        using var attach = TerminalSession.Start(terminal, Attach(running, running.Plan.Slug));
        await RawModeAsync(terminal, attach);
        Assert.AreEqual("ready", await attach.AskAsync("ready", Deadline));
        var client = DockerClientOf(attach);
        try
        {
            // To attach alone, as `kill <pid>` would: the client gets no signal from the kernel.
            Assert.IsTrue(ProcessSignals.SignalProcess(attach.ProcessId, ProcessSignals.SigTerm));

            Assert.AreEqual(128 + ProcessSignals.SigTerm, await attach.WaitForExitAsync(Deadline), attach.Transcript);
            await Poll.UntilAsync(() => Task.FromResult(TerminalSession.IsAlive(client) ? null : "gone"), Deadline,
                $"the docker client {client} to end with attach (left running, it would keep reading the terminal in raw mode)");
            Assert.AreEqual(before, terminal.Modes(), "the terminal's settings are back to what they were before attach");
        }
        finally
        {
            KillIfAlive(client);
        }
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Docker_client_killed_outright_still_leaves_the_terminal_restored()
    {
        var running = await RunningBottleAsync();
        using var terminal = Pseudoterminal.Open(30, 100);
        var before = terminal.Modes();
        using var attach = TerminalSession.Start(terminal, Attach(running, running.Plan.Slug));
        await RawModeAsync(terminal, attach);
        Assert.AreEqual("ready", await attach.AskAsync("ready", Deadline));
        var client = DockerClientOf(attach);

        // SIGKILL: the client cannot restore the terminal itself (as after a crash or the OOM killer).
        Assert.IsTrue(ProcessSignals.SignalProcess(client, ProcessSignals.SigKill));

        Assert.AreEqual(128 + ProcessSignals.SigKill, await attach.WaitForExitAsync(Deadline), attach.Transcript);
        Assert.AreEqual(before, terminal.Modes(), "attach puts back the settings the client left in raw mode");
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Attach_to_an_unknown_bottle_says_so_and_touches_nothing()
    {
        await DockerEngine.RequireAsync();
        var directory = Directory.CreateTempSubdirectory("bottle-attach-unknown-");
        try
        {
            var stateRoot = Path.Combine(directory.FullName, "state");
            var slug = $"no-such-bottle-{Guid.NewGuid():N}"[..24];
            using var terminal = Pseudoterminal.Open(30, 100);
            var before = terminal.Modes();
            using var attach = TerminalSession.Start(terminal, BottleProcess.CommandLine("attach", slug, "--state-dir", stateRoot));

            Assert.AreEqual(ExitCodes.RuntimeFailure, await attach.WaitForExitAsync(Deadline), attach.Transcript);
            StringAssert.Contains(attach.Transcript, $"bottle: no bottle '{slug}' on this machine (see 'bottle ls')");
            Assert.AreEqual(before, terminal.Modes(), "the terminal is untouched");
            Assert.IsFalse(Directory.Exists(stateRoot), "no state folder is made for a bottle that does not exist");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Attach_without_a_terminal_refuses_with_exit_2()
    {
        var running = await RunningBottleAsync();
        var command = Attach(running, running.Plan.Slug);
        var start = new ProcessStartInfo(command[0]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(timeout.Token);

        Assert.AreEqual(ExitCodes.UsageError, process.ExitCode, await error);
        StringAssert.Contains(await error, "bottle: attach needs a terminal; use 'bottle exec <bottle> -- CMD' without one");
        Assert.AreEqual(string.Empty, await output);
    }

    private static IReadOnlyList<string> Attach(ComposeTestBottle running, string slug) =>
        BottleProcess.CommandLine("attach", slug, "--state-dir", running.StateRoot.Path);

    /// <summary>The class's bottle, started by the first test that needs it (so the unknown-bottle test needs none).</summary>
    private static async Task<ComposeTestBottle> RunningBottleAsync()
    {
        await DockerEngine.RequireAsync();
        return await (bottle ??= StartBottleAsync());
    }

    private static async Task<ComposeTestBottle> StartBottleAsync()
    {
        var created = await ComposeTestBottle.CreateAsync("attach");
        try
        {
            // The agent running is all attach needs (see UpUntilAgentRunsAsync).
            await created.UpUntilAgentRunsAsync(TimeSpan.FromMinutes(6));
            return created;
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the docker client to put the terminal in raw mode: attach has found the bottle and started the client.</summary>
    private static Task<TerminalModes> RawModeAsync(Pseudoterminal terminal, TerminalSession attach) =>
        Poll.UntilAsync(
            () => Task.FromResult(terminal.Modes() is { Canonical: false } modes ? modes : null),
            Deadline, $"attach to put the terminal in raw mode; it shows: {attach.Transcript}");

    private static int DockerClientOf(TerminalSession attach)
    {
        var children = TerminalSession.ChildrenOf(attach.ProcessId);
        Assert.HasCount(1, children.Where(c => c.Name == "docker").ToList(), $"attach runs one docker client: {string.Join(", ", children)}");
        return children.Single(c => c.Name == "docker").Id;
    }

    private static void KillIfAlive(int id)
    {
        if (TerminalSession.IsAlive(id))
        {
            ProcessSignals.SignalProcess(id, ProcessSignals.SigKill);
        }
    }
}
