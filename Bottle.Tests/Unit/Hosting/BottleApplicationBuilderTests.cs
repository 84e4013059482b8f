using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class BottleApplicationBuilderTests
{
    [TestMethod]
    public void Duplicate_names_are_rejected_ignoring_case()
    {
        var builder = CreateBuilder();
        builder.AddExecutable("api", "sh", ".");

        var thrown = Assert.ThrowsExactly<BottleApplicationException>(() => builder.AddExecutable("API", "sh", "."));

        StringAssert.Contains(thrown.Message, "'API'");
        StringAssert.Contains(thrown.Message, "'api' already exists");
        Assert.HasCount(1, builder.Resources);
    }

    [TestMethod]
    public void A_wait_cycle_is_rejected_at_build_naming_the_cycle()
    {
        var builder = CreateBuilder();
        var a = builder.AddExecutable("a", "sh", ".");
        var b = builder.AddExecutable("b", "sh", ".").WaitFor(a);
        var c = builder.AddExecutable("c", "sh", ".").WaitFor(b);
        a.WaitForCompletion(c);

        var thrown = Assert.ThrowsExactly<BottleApplicationException>(() => builder.Build());

        StringAssert.Contains(thrown.Message, "a -> c -> b -> a");
    }

    [TestMethod]
    public void Waiting_for_a_resource_outside_the_application_is_rejected_at_build()
    {
        var builder = CreateBuilder();
        var stranger = CreateBuilder().AddExecutable("stranger", "sh", ".");
        builder.AddExecutable("api", "sh", ".").WaitFor(stranger);

        var thrown = Assert.ThrowsExactly<BottleApplicationException>(() => builder.Build());

        StringAssert.Contains(thrown.Message, "'api' waits for 'stranger', which is not part of the application");
    }

    [TestMethod]
    public void A_resource_cannot_wait_for_itself()
    {
        var api = CreateBuilder().AddExecutable("api", "sh", ".");

        var thrown = Assert.ThrowsExactly<BottleApplicationException>(() => api.WaitFor(api));

        StringAssert.Contains(thrown.Message, "'api' cannot wait for itself");
    }

    [TestMethod]
    public void Build_returns_a_host_whose_model_and_services_are_resolvable()
    {
        var builder = CreateBuilder();
        var net = builder.AddExecutable("net", "sh", ".");
        builder.AddExecutable("api", "sh", ".").WithParentRelationship(net).WithEndpoint("http", port: 8080);

        using var app = builder.Build();

        Assert.IsInstanceOfType<IHost>(app);
        var model = app.Services.GetRequiredService<BottleApplicationModel>();
        string[] expected = ["net", "api"];
        CollectionAssert.AreEqual(expected, model.Resources.Select(r => r.Name).ToArray());
        Assert.AreSame(model.Resources[1], model.FindResource("API"));
        Assert.IsNotNull(app.Services.GetService<ResourceNotificationService>());
    }

    [TestMethod]
    public void Initial_snapshots_carry_type_relationships_and_NotStarted()
    {
        var builder = CreateBuilder();
        var net = builder.AddExecutable("net", "sh", ".");
        var db = builder.AddExecutable("db", "sh", ".");
        var api = builder.AddExecutable("api", "sh", ".").WithParentRelationship(net).WaitFor(db);
        using var app = builder.Build();
        var notifications = app.Notifications();

        notifications.PublishUpdateAsync(api.Resource, s => s).GetAwaiter().GetResult();

        Assert.IsTrue(notifications.TryGetCurrentState("api", out var initial));
        Assert.AreEqual("Executable", initial.Snapshot.ResourceType);
        Assert.AreEqual(KnownResourceStates.NotStarted, initial.Snapshot.State?.Text);
        CollectionAssert.AreEquivalent(
            new[] { new RelationshipSnapshot("net", KnownRelationshipTypes.Parent), new RelationshipSnapshot("db", KnownRelationshipTypes.WaitFor) },
            initial.Snapshot.Relationships.ToArray());
    }

    [TestMethod]
    public void WithHttpHealthCheck_without_an_http_endpoint_says_what_is_missing()
    {
        var api = CreateBuilder().AddExecutable("api", "sh", ".");

        var thrown = Assert.ThrowsExactly<BottleApplicationException>(() => api.WithHttpHealthCheck("/health"));

        StringAssert.Contains(thrown.Message, "'api' has no http endpoint");
    }
}
