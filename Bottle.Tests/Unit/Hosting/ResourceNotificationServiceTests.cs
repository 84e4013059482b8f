using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class ResourceNotificationServiceTests
{
    private static readonly ServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    [TestMethod]
    public async Task WatchAsync_starts_with_the_current_snapshots_then_streams_changes_in_order()
    {
        using var deadline = DeadlineSource();
        var service = new ResourceNotificationService(TimeProvider.System, NoServices);
        var db = new TestResource("db");
        var api = new TestResource("api");
        await service.PublishUpdateAsync(db, s => s with { State = ResourceStateSnapshot.For(KnownResourceStates.Running) });
        await service.PublishUpdateAsync(api, s => s);

        var seen = new List<(string, string?)>();
        await using var stream = service.WatchAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
        for (var i = 0; i < 2; i++)
        {
            Assert.IsTrue(await stream.MoveNextAsync());
            seen.Add((stream.Current.ResourceId, stream.Current.Snapshot.State?.Text));
        }

        await service.PublishUpdateAsync(api, s => s with { State = ResourceStateSnapshot.For(KnownResourceStates.Starting) });
        Assert.IsTrue(await stream.MoveNextAsync());
        seen.Add((stream.Current.ResourceId, stream.Current.Snapshot.State?.Text));

        CollectionAssert.AreEqual(
            new[] { ("db", KnownResourceStates.Running), ("api", KnownResourceStates.NotStarted), ("api", KnownResourceStates.Starting) },
            seen);
        Assert.AreEqual("Test", stream.Current.Snapshot.ResourceType);
        string[] current = ["db", "api"];
        CollectionAssert.AreEqual(current, service.GetCurrentStates().Select(e => e.ResourceId).ToArray());
    }

    [TestMethod]
    public async Task WaitForResourceAsync_returns_at_once_when_the_state_is_already_reached_and_waits_otherwise()
    {
        using var deadline = DeadlineSource();
        var service = new ResourceNotificationService(TimeProvider.System, NoServices);
        var db = new TestResource("db");
        await service.PublishUpdateAsync(db, s => s with { State = ResourceStateSnapshot.For(KnownResourceStates.Starting) });

        var already = await service.WaitForResourceAsync("DB", KnownResourceStates.Starting, deadline.Token);
        var later = service.WaitForResourceAsync("db", [KnownResourceStates.Finished, KnownResourceStates.Exited], deadline.Token);
        Assert.IsFalse(later.IsCompleted);
        await service.PublishUpdateAsync(db, s => s with { State = ResourceStateSnapshot.For(KnownResourceStates.Exited) });

        Assert.AreEqual(KnownResourceStates.Starting, already);
        Assert.AreEqual(KnownResourceStates.Exited, await later);
    }

    [TestMethod]
    public async Task WaitForResourceHealthyAsync_throws_when_the_resource_ends_before_it_is_healthy()
    {
        using var deadline = DeadlineSource();
        var service = new ResourceNotificationService(TimeProvider.System, NoServices);
        var db = new TestResource("db");
        var waiting = service.WaitForResourceHealthyAsync("db", deadline.Token);

        await service.PublishUpdateAsync(db, s => s with { State = ResourceStateSnapshot.For(KnownResourceStates.Exited), ExitCode = 2 });

        var thrown = await Assert.ThrowsExactlyAsync<BottleApplicationException>(() => waiting);
        StringAssert.Contains(thrown.Message, "'db' is Exited with exit code 2");
    }

    [TestMethod]
    public async Task Command_states_are_recomputed_on_every_update()
    {
        var service = new ResourceNotificationService(TimeProvider.System, NoServices);
        var db = new TestResource("db");
        db.Annotations.Add(new ResourceCommandAnnotation(
            "ping",
            "Ping",
            c => c.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            _ => Task.FromResult(CommandResult.Succeeded)));

        await service.PublishUpdateAsync(db, s => s);
        Assert.IsTrue(service.TryGetCurrentState("db", out var before));
        await service.PublishUpdateAsync(db, s => s with { State = ResourceStateSnapshot.For(KnownResourceStates.Running) });
        Assert.IsTrue(service.TryGetCurrentState("db", out var after));

        Assert.AreEqual(ResourceCommandState.Disabled, before.Snapshot.Commands.Single().State);
        Assert.AreEqual(ResourceCommandState.Enabled, after.Snapshot.Commands.Single().State);
    }

    [TestMethod]
    public void Health_status_is_derived_from_state_and_reports()
    {
        var running = new CustomResourceSnapshot { ResourceType = "Test", State = ResourceStateSnapshot.For(KnownResourceStates.Running) };
        var healthyReport = new HealthReportSnapshot("a", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, null, null);
        var pendingReport = new HealthReportSnapshot("b", null, null, null);
        var degradedReport = new HealthReportSnapshot("c", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, null, null);

        Assert.AreEqual(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, running.HealthStatus);
        Assert.IsNull((running with { HealthReports = [healthyReport, pendingReport] }).HealthStatus);
        Assert.AreEqual(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, (running with { HealthReports = [healthyReport, degradedReport] }).HealthStatus);
        Assert.IsNull((running with { State = ResourceStateSnapshot.For(KnownResourceStates.Exited) }).HealthStatus);
    }

    private sealed class TestResource(string name) : Resource(name);
}
