using Bottle.AppHost.Dashboard.Audit;
using Bottle.AppHost.Dashboard.Graph;
using Bottle.AppHost.Dashboard.Views;
using Bottle.AppHost.Dashboard.Web;
using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.Tests.Browser;

/// <summary>The dashboard's pure parts: credential masking, token checks, graph layout, the audit stream.</summary>
[TestClass]
public sealed class DashboardModelTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("GITHUB_TOKEN", "x")]
    [DataRow("api_key", "x")]
    [DataRow("DB_PASSWORD", "hunter2")]
    [DataRow("client.secret", "x")]
    [DataRow("UPSTREAM", "Bearer bottle-cred-0b9f7c1e-5d2a-4e7b-9a41-2f1c3d4e5f60")]
    [DataRow("SIGNING", "Zx9Qw2Lm8Rt5Yp3Vb7Nc1Kd4Hf6Js0Ga")]
    [DataRow("DIGEST", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public void Credential_like_names_and_values_are_masked(string name, string value) =>
        Assert.IsTrue(CredentialMask.ShouldMask(name, value), $"{name}={value}");

    [TestMethod]
    [DataRow("LOG_LEVEL", "debug")]
    [DataRow("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")]
    [DataRow("WORKDIR", "/tmp/bottle-dashboard-c0338d2d166e4dd5/db.ready")]
    [DataRow("URL", "http://127.0.0.1:35631/health")]
    [DataRow("GREETING", "Hello World from the Bottle sample 2026")]
    public void Ordinary_values_stay_visible(string name, string value) =>
        Assert.IsFalse(CredentialMask.ShouldMask(name, value), $"{name}={value}");

    [TestMethod]
    public void Tokens_are_32_random_bytes_in_url_safe_form_and_must_match_exactly()
    {
        var token = DashboardToken.Generate();
        Assert.AreEqual(43, token.Length);
        Assert.IsNull(DashboardToken.Validate(token));
        Assert.AreNotEqual(token, DashboardToken.Generate());
        Assert.IsTrue(DashboardToken.Matches(token, token));
        Assert.IsFalse(DashboardToken.Matches(token[..^1], token));
        Assert.IsFalse(DashboardToken.Matches(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), token));
        Assert.IsFalse(DashboardToken.Matches(null, token));
        Assert.IsFalse(DashboardToken.Matches("", token));
    }

    [TestMethod]
    public void The_graph_puts_each_resource_right_of_what_it_depends_on()
    {
        RelationshipSnapshot[] none = [];
        var layout = ResourceGraphLayout.Layout(
        [
            ("worker", "Executable", [new RelationshipSnapshot("api", KnownRelationshipTypes.WaitFor)]),
            ("api", "Executable", [new RelationshipSnapshot("db", KnownRelationshipTypes.WaitFor), new RelationshipSnapshot("migrate", KnownRelationshipTypes.WaitForCompletion)]),
            ("db", "Executable", none),
            ("migrate", "Executable", [new RelationshipSnapshot("db", KnownRelationshipTypes.WaitFor)]),
            ("loner", "Executable", [new RelationshipSnapshot("not-in-model", KnownRelationshipTypes.Reference)]),
        ]);

        var layer = layout.Nodes.ToDictionary(n => n.Name, n => n.Layer);
        Assert.AreEqual(0, layer["db"]);
        Assert.AreEqual(0, layer["loner"]);
        Assert.AreEqual(1, layer["migrate"]);
        Assert.AreEqual(2, layer["api"]);
        Assert.AreEqual(3, layer["worker"]);
        Assert.HasCount(4, layout.Edges, "the edge to a resource outside the model is dropped");
        var boxes = layout.Nodes.Select(n => (n.X, n.Y)).ToList();
        Assert.HasCount(boxes.Count, boxes.Distinct().ToList(), "no two boxes overlap");
        Assert.IsTrue(layout.Nodes.All(n => n.X + n.Width < layout.Width && n.Y + n.Height < layout.Height));
    }

    [TestMethod]
    public void A_relationship_cycle_does_not_hang_the_layout()
    {
        var layout = ResourceGraphLayout.Layout(
        [
            ("a", "Custom", [new RelationshipSnapshot("b", KnownRelationshipTypes.Reference)]),
            ("b", "Custom", [new RelationshipSnapshot("a", KnownRelationshipTypes.Reference)]),
        ]);
        Assert.HasCount(2, layout.Nodes);
        Assert.HasCount(2, layout.Edges);
    }

    [TestMethod]
    public async Task The_audit_source_replays_its_backlog_then_streams_new_events()
    {
        var source = new InMemoryAuditEventSource(backlogSize: 2);
        var t = DateTimeOffset.UnixEpoch;
        source.Publish(new AuditEvent(t, "pipelock", AuditDecision.Allow, "GET", "dropped.example", "/", null, null));
        source.Publish(new AuditEvent(t, "pipelock", AuditDecision.Deny, "GET", "kept-1.example", "/", "not allowed", null));
        source.Publish(new AuditEvent(t, "pipelock", AuditDecision.Dlp, "POST", "kept-2.example", "/", "secret", "dlp:aws"));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        var seen = new List<string>();

        await foreach (var e in source.WatchAsync(cts.Token))
        {
            seen.Add(e.Host);
            if (seen.Count == 2)
            {
                source.Publish(new AuditEvent(t, "egress", AuditDecision.Allow, "CONNECT", "live.example", null, null, null));
            }

            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.AreEqual("kept-1.example, kept-2.example, live.example", string.Join(", ", seen));
    }
}
