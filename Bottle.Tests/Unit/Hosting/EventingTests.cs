using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Eventing;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class EventingTests
{
    [TestMethod]
    public async Task BeforeStart_ResourceReady_and_ResourceStopped_are_published_for_the_right_resources()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        var db = builder.AddExecutable("db", "sh", ".", "-c", "exec sleep 60");
        var job = builder.AddExecutable("job", "sh", ".", "-c", "exit 0").WaitFor(db);
        var beforeStart = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dbReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var jobStopped = new TaskCompletionSource<ResourceEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            beforeStart.TrySetResult(e.Model.Resources.Count);
            return Task.CompletedTask;
        });
        builder.Eventing.Subscribe<ResourceReadyEvent>(db.Resource, (_, _) =>
        {
            dbReady.TrySetResult();
            return Task.CompletedTask;
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(job.Resource, (e, _) =>
        {
            jobStopped.TrySetResult(e.ResourceEvent);
            return Task.CompletedTask;
        });
        await using var app = builder.Build();

        await app.StartAsync(deadline.Token);
        var stopped = await jobStopped.Task.WaitAsync(deadline.Token);
        await dbReady.Task.WaitAsync(deadline.Token);
        await app.StopAsync(deadline.Token);

        Assert.AreEqual(2, await beforeStart.Task.WaitAsync(deadline.Token));
        Assert.AreEqual("job", stopped.ResourceId);
        Assert.AreEqual(KnownResourceStates.Finished, stopped.Snapshot.State?.Text);
    }

    [TestMethod]
    public async Task Unsubscribed_handlers_are_not_called()
    {
        var eventing = new BottleEventing();
        var calls = 0;
        var subscription = eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            calls++;
            return Task.CompletedTask;
        });
        var model = new BottleApplicationModel([]);
        await eventing.PublishAsync(new BeforeStartEvent(null!, model));
        eventing.Unsubscribe(subscription);
        await eventing.PublishAsync(new BeforeStartEvent(null!, model));

        Assert.AreEqual(1, calls);
    }
}
