using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class OrchestratorWaitTests
{
    [TestMethod]
    public async Task WaitFor_starts_each_resource_only_after_its_dependency_is_running_and_healthy()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        var db = builder.AddExecutable("db", "sh", ".", "-c", "echo db up; exec sleep 60");
        var api = builder.AddExecutable("api", "sh", ".", "-c", "exec sleep 60").WaitFor(db);
        builder.AddExecutable("worker", "sh", ".", "-c", "echo worked; exit 0").WaitFor(api);
        await using var app = builder.Build();
        await using var recorder = new StateRecorder(app.Notifications());

        await app.StartAsync(deadline.Token);
        await app.Notifications().WaitForResourceAsync("worker", KnownResourceStates.Finished, deadline.Token);
        await app.StopAsync(deadline.Token);
        await recorder.CatchUpAsync(deadline.Token);

        CollectionAssert.AreEqual(
            new[] { KnownResourceStates.NotStarted, KnownResourceStates.Waiting, KnownResourceStates.Starting, KnownResourceStates.Running },
            recorder.StatesOf("api").Take(4).ToArray());
        CollectionAssert.AreEqual(
            new[] { KnownResourceStates.NotStarted, KnownResourceStates.Waiting, KnownResourceStates.Starting, KnownResourceStates.Running, KnownResourceStates.Finished },
            recorder.StatesOf("worker").ToArray());
        Assert.IsLessThan(recorder.IndexOf("api", KnownResourceStates.Starting), recorder.IndexOf("db", KnownResourceStates.Running));
        Assert.IsLessThan(recorder.IndexOf("worker", KnownResourceStates.Starting), recorder.IndexOf("api", KnownResourceStates.Running));
    }

    [TestMethod]
    public async Task WaitForCompletion_starts_the_dependant_only_after_the_dependency_finished()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        var migrate = builder.AddExecutable("migrate", "sh", ".", "-c", "echo migrating; exit 0");
        builder.AddExecutable("app", "sh", ".", "-c", "exit 0").WaitForCompletion(migrate);
        await using var app = builder.Build();
        await using var recorder = new StateRecorder(app.Notifications());

        await app.StartAsync(deadline.Token);
        await app.Notifications().WaitForResourceAsync("app", KnownResourceStates.Finished, deadline.Token);
        await app.StopAsync(deadline.Token);
        await recorder.CatchUpAsync(deadline.Token);

        Assert.IsLessThan(recorder.IndexOf("app", KnownResourceStates.Starting), recorder.IndexOf("migrate", KnownResourceStates.Finished));
        Assert.AreEqual(KnownResourceStates.Waiting, recorder.StatesOf("app")[1]);
    }

    [TestMethod]
    public async Task A_failed_dependency_marks_every_dependant_FailedToStart_with_the_reason_and_starts_none_of_them()
    {
        using var deadline = DeadlineSource();
        var dir = CreateTempDirectory();
        try
        {
            var builder = CreateBuilder();
            var migrate = builder.AddExecutable("migrate", "sh", dir, "-c", "echo broken >&2; exit 3");
            var api = builder.AddExecutable("api", "sh", dir, "-c", "touch api-started; exec sleep 60").WaitForCompletion(migrate);
            builder.AddExecutable("worker", "sh", dir, "-c", "touch worker-started").WaitFor(api);
            await using var app = builder.Build();
            await using var recorder = new StateRecorder(app.Notifications());

            await app.StartAsync(deadline.Token);
            await app.Notifications().WaitForResourceAsync("worker", KnownResourceStates.FailedToStart, deadline.Token);
            await app.StopAsync(deadline.Token);
            await recorder.CatchUpAsync(deadline.Token);

            Assert.IsTrue(app.Notifications().TryGetCurrentState("api", out var apiEvent));
            Assert.AreEqual(KnownResourceStates.FailedToStart, apiEvent.Snapshot.State?.Text);
            var apiReason = apiEvent.Snapshot.GetProperty(KnownProperties.FailureReason);
            StringAssert.Contains(apiReason, "'migrate'");
            StringAssert.Contains(apiReason, "exit code 3");
            Assert.IsTrue(app.Notifications().TryGetCurrentState("worker", out var workerEvent));
            StringAssert.Contains(workerEvent.Snapshot.GetProperty(KnownProperties.FailureReason), "'api'");
            Assert.IsFalse(File.Exists(Path.Combine(dir, "api-started")), "api ran although its dependency failed");
            Assert.IsFalse(File.Exists(Path.Combine(dir, "worker-started")), "worker ran although its dependency failed");
            CollectionAssert.DoesNotContain(recorder.StatesOf("api").ToArray(), KnownResourceStates.Starting);
            CollectionAssert.DoesNotContain(recorder.StatesOf("worker").ToArray(), KnownResourceStates.Starting);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task A_dependency_that_crashes_before_it_is_healthy_fails_the_WaitFor_dependant()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        var db = builder.AddExecutable("db", "sh", ".", "-c", "exit 1").WithHealthCheck("never-registered");
        builder.AddExecutable("api", "sh", ".", "-c", "exec sleep 60").WaitFor(db);
        await using var app = builder.Build();

        await app.StartAsync(deadline.Token);
        await app.Notifications().WaitForResourceAsync("api", KnownResourceStates.FailedToStart, deadline.Token);
        await app.StopAsync(deadline.Token);

        Assert.IsTrue(app.Notifications().TryGetCurrentState("api", out var api));
        StringAssert.Contains(api.Snapshot.GetProperty(KnownProperties.FailureReason), "'db' did not become healthy");
    }

    [TestMethod]
    public async Task A_command_that_does_not_exist_fails_to_start_with_a_message_naming_it()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        builder.AddExecutable("ghost", "no-such-program-bottle-test", ".");
        await using var app = builder.Build();

        await app.StartAsync(deadline.Token);
        await app.Notifications().WaitForResourceAsync("ghost", KnownResourceStates.FailedToStart, deadline.Token);
        await app.StopAsync(deadline.Token);

        Assert.IsTrue(app.Notifications().TryGetCurrentState("ghost", out var ghost));
        StringAssert.Contains(ghost.Snapshot.GetProperty(KnownProperties.FailureReason), "'no-such-program-bottle-test'");
    }

    [TestMethod]
    public async Task Shutdown_stops_resources_in_reverse_dependency_order()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        // Added in an order that differs from the dependency order, so the test sees the graph, not the list.
        var worker = builder.AddExecutable("worker", "sh", ".", "-c", "exec sleep 60");
        var api = builder.AddExecutable("api", "sh", ".", "-c", "exec sleep 60");
        var db = builder.AddExecutable("db", "sh", ".", "-c", "exec sleep 60");
        worker.WaitFor(api);
        api.WaitFor(db);
        await using var app = builder.Build();
        await using var recorder = new StateRecorder(app.Notifications());

        await app.StartAsync(deadline.Token);
        await app.Notifications().WaitForResourceAsync("worker", KnownResourceStates.Running, deadline.Token);
        await app.StopAsync(deadline.Token);
        await recorder.CatchUpAsync(deadline.Token);

        var stops = recorder.Transitions.Where(t => t.State is KnownResourceStates.Stopping or KnownResourceStates.Exited).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                ("worker", KnownResourceStates.Stopping), ("worker", KnownResourceStates.Exited),
                ("api", KnownResourceStates.Stopping), ("api", KnownResourceStates.Exited),
                ("db", KnownResourceStates.Stopping), ("db", KnownResourceStates.Exited),
            },
            stops);
    }

    [TestMethod]
    public async Task Shutdown_stops_independent_resources_together_once_their_dependents_have_stopped()
    {
        using var deadline = DeadlineSource();
        var markers = CreateTempDirectory();
        try
        {
            // Each sibling, on SIGTERM, says so and exits 0 only once the other has been asked too: stopped one after
            // the other, the first would wait in vain until the grace period kills it.
            var builder = CreateBuilder(configure: o => o.StopGracePeriod = TimeSpan.FromSeconds(5));
            string Sibling(string self, string other) =>
                $"trap 'touch {markers}/{self}; i=0; while [ ! -e {markers}/{other} ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; "
                + $"[ -e {markers}/{other} ] && exit 0; exit 7' TERM; echo trapped; sleep 60 & wait";
            var left = builder.AddExecutable("left", "sh", ".", "-c", Sibling("left", "right"));
            var right = builder.AddExecutable("right", "sh", ".", "-c", Sibling("right", "left"));
            builder.AddExecutable("top", "sh", ".", "-c", "exec sleep 60").WaitFor(left).WaitFor(right);
            await using var app = builder.Build();
            await using var recorder = new StateRecorder(app.Notifications());

            await app.StartAsync(deadline.Token);
            await app.Notifications().WaitForResourceAsync("top", KnownResourceStates.Running, deadline.Token);
            // Running is not yet trapping: a SIGTERM before the shell has run 'trap' would end it with 143.
            await app.Logs().ReadLogUntilAsync("left", l => l.Text == "trapped", deadline.Token);
            await app.Logs().ReadLogUntilAsync("right", l => l.Text == "trapped", deadline.Token);
            await app.StopAsync(deadline.Token);
            await recorder.CatchUpAsync(deadline.Token);

            foreach (var sibling in new[] { "left", "right" })
            {
                Assert.IsTrue(app.Notifications().TryGetCurrentState(sibling, out var end));
                Assert.AreEqual(0, end.Snapshot.ExitCode, $"{sibling} was not stopped together with its sibling");
            }

            // The dependent still stops first.
            var topEnded = recorder.IndexOf("top", KnownResourceStates.Exited);
            Assert.IsTrue(topEnded >= 0);
            Assert.IsTrue(topEnded < recorder.IndexOf("left", KnownResourceStates.Stopping), "left began to stop before its dependent had ended");
            Assert.IsTrue(topEnded < recorder.IndexOf("right", KnownResourceStates.Stopping), "right began to stop before its dependent had ended");
        }
        finally
        {
            Directory.Delete(markers, recursive: true);
        }
    }
}
