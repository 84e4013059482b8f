using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class OrchestratorCommandTests
{
    [TestMethod]
    public async Task Restart_stops_the_process_and_starts_a_new_one()
    {
        using var deadline = DeadlineSource();
        var dir = CreateTempDirectory();
        try
        {
            var builder = CreateBuilder();
            builder.AddExecutable("svc", "sh", dir, "-c", "echo start >> starts.txt; echo started; exec sleep 60");
            await using var app = builder.Build();
            await app.StartAsync(deadline.Token);
            var first = await app.Notifications().WaitForResourceAsync("svc", e => e.Snapshot.State?.Text == KnownResourceStates.Running, deadline.Token);
            await app.Logs().ReadLogUntilAsync("svc", l => l.Text == "started", deadline.Token);

            var result = await app.Orchestrator().ExecuteCommandAsync("svc", KnownResourceCommands.RestartCommand, deadline.Token);

            Assert.IsTrue(result.Success, result.ErrorMessage);
            var second = await app.Notifications().WaitForResourceAsync(
                "svc", e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.GetProperty(KnownProperties.StartCount) == "2", deadline.Token);
            var starts = 0;
            await app.Logs().ReadLogUntilAsync("svc", l => l.Text == "started" && ++starts == 2, deadline.Token);
            Assert.AreEqual("1", first.Snapshot.GetProperty(KnownProperties.StartCount));
            Assert.AreNotEqual(first.Snapshot.GetProperty(KnownProperties.ProcessId), second.Snapshot.GetProperty(KnownProperties.ProcessId));
            await app.StopAsync(deadline.Token);
            Assert.HasCount(2, File.ReadAllLines(Path.Combine(dir, "starts.txt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task Stop_and_start_commands_follow_the_state_and_refuse_when_disabled()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        builder.AddExecutable("svc", "sh", ".", "-c", "exec sleep 60");
        await using var app = builder.Build();
        await app.StartAsync(deadline.Token);
        await app.Notifications().WaitForResourceAsync("svc", KnownResourceStates.Running, deadline.Token);
        var orchestrator = app.Orchestrator();

        var startWhileRunning = await orchestrator.ExecuteCommandAsync("svc", KnownResourceCommands.StartCommand, deadline.Token);
        var stop = await orchestrator.ExecuteCommandAsync("svc", KnownResourceCommands.StopCommand, deadline.Token);
        Assert.IsTrue(app.Notifications().TryGetCurrentState("svc", out var stopped));
        var stopAgain = await orchestrator.ExecuteCommandAsync("svc", KnownResourceCommands.StopCommand, deadline.Token);
        var start = await orchestrator.ExecuteCommandAsync("svc", KnownResourceCommands.StartCommand, deadline.Token);
        Assert.IsTrue(app.Notifications().TryGetCurrentState("svc", out var restarted));
        await app.StopAsync(deadline.Token);

        Assert.IsFalse(startWhileRunning.Success);
        StringAssert.Contains(startWhileRunning.ErrorMessage, "disabled");
        Assert.IsTrue(stop.Success, stop.ErrorMessage);
        Assert.AreEqual(KnownResourceStates.Exited, stopped.Snapshot.State?.Text);
        Assert.AreEqual(143, stopped.Snapshot.ExitCode, "SIGTERM (128 + 15) ended the process");
        Assert.AreEqual(ResourceCommandState.Enabled, stopped.Snapshot.Commands.Single(c => c.Name == KnownResourceCommands.StartCommand).State);
        Assert.AreEqual(ResourceCommandState.Disabled, stopped.Snapshot.Commands.Single(c => c.Name == KnownResourceCommands.StopCommand).State);
        Assert.IsFalse(stopAgain.Success);
        Assert.IsTrue(start.Success, start.ErrorMessage);
        Assert.AreEqual(KnownResourceStates.Running, restarted.Snapshot.State?.Text);
    }

    [TestMethod]
    public async Task A_custom_command_runs_and_bad_names_get_a_clear_failure()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        var ran = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.AddExecutable("svc", "sh", ".", "-c", "exec sleep 60")
            .WithCommand("flush-cache", "Flush cache", context =>
            {
                ran.SetResult(context.ResourceName);
                return Task.FromResult(CommandResult.Succeeded);
            })
            .WithCommand("always-off", "Never", _ => Task.FromResult(CommandResult.Succeeded), _ => ResourceCommandState.Disabled)
            .WithCommand("explodes", "Explodes", _ => throw new InvalidOperationException("cache is on fire"));
        await using var app = builder.Build();
        await app.StartAsync(deadline.Token);
        var orchestrator = app.Orchestrator();

        var flush = await orchestrator.ExecuteCommandAsync("SVC", "flush-cache", deadline.Token);
        var disabled = await orchestrator.ExecuteCommandAsync("svc", "always-off", deadline.Token);
        var exploded = await orchestrator.ExecuteCommandAsync("svc", "explodes", deadline.Token);
        var unknownCommand = await orchestrator.ExecuteCommandAsync("svc", "no-such-command", deadline.Token);
        var unknownResource = await orchestrator.ExecuteCommandAsync("nope", "flush-cache", deadline.Token);
        await app.StopAsync(deadline.Token);

        Assert.IsTrue(flush.Success, flush.ErrorMessage);
        Assert.AreEqual("svc", await ran.Task.WaitAsync(deadline.Token));
        Assert.IsFalse(disabled.Success);
        Assert.IsFalse(exploded.Success);
        StringAssert.Contains(exploded.ErrorMessage, "cache is on fire");
        StringAssert.Contains(unknownCommand.ErrorMessage, "'no-such-command'");
        StringAssert.Contains(unknownResource.ErrorMessage, "'nope'");
    }

    [TestMethod]
    public async Task Stop_kills_a_process_that_ignores_SIGTERM_after_the_grace_period()
    {
        using var deadline = DeadlineSource();
        // Real time with a short grace period: the assertion is on how the process ended, not on how long it took.
        var builder = CreateBuilder(configure: o => o.StopGracePeriod = TimeSpan.FromMilliseconds(200));
        builder.AddExecutable("stubborn", "sh", ".", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done");
        await using var app = builder.Build();
        await app.StartAsync(deadline.Token);
        await app.Logs().ReadLogUntilAsync("stubborn", l => l.Text == "ready", deadline.Token);

        var stop = await app.Orchestrator().ExecuteCommandAsync("stubborn", KnownResourceCommands.StopCommand, deadline.Token);
        await app.StopAsync(deadline.Token);

        Assert.IsTrue(stop.Success, stop.ErrorMessage);
        Assert.IsTrue(app.Notifications().TryGetCurrentState("stubborn", out var final));
        Assert.AreEqual(137, final.Snapshot.ExitCode, "SIGKILL (128 + 9) ended the process");
    }
}
