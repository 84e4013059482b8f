using System.Text.RegularExpressions;
using Bottle.AppHost.Dashboard;
using Bottle.AppHost.Dashboard.Audit;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bottle.Tests.Browser;

/// <summary>The dashboard in real Chromium against a real app host running real processes.</summary>
[TestClass]
public sealed partial class DashboardBrowserTests
{
    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task LaunchBrowser(TestContext _) => (s_playwright, s_browser) = await ChromiumBrowser.LaunchAsync();

    [ClassCleanup]
    public static async Task CloseBrowser()
    {
        if (s_browser is not null)
        {
            await s_browser.DisposeAsync();
        }

        s_playwright?.Dispose();
    }

    [TestInitialize]
    public void SetAssertionTimeout() => SetDefaultExpectTimeout((float)DashboardTestApp.Deadline.TotalMilliseconds);

    [TestMethod]
    public async Task Without_the_token_the_browser_gets_the_login_page_and_no_data()
    {
        await using var app = await DashboardTestApp.StartAsync(AddSecretResource, null, TestContext.CancellationToken);
        await app.Notifications.WaitForResourceAsync("secretive-svc", KnownResourceStates.Running, TestContext.CancellationToken);
        var page = await NewPageAsync();

        foreach (var path in new[] { "", "graph", "logs?resource=secretive-svc", "egress", "plan" })
        {
            var response = await page.GotoAsync(new Uri(app.Server.BaseAddress, path).ToString());
            Assert.IsNotNull(response);
            Assert.AreEqual(new Uri(app.Server.BaseAddress, "login").ToString(), page.Url, $"/{path} must redirect to the login page");
            var html = await page.ContentAsync();
            Assert.DoesNotContain("secretive-svc", html, $"/{path} leaked a resource name");
            StringAssert.Contains(html, "Dashboard: http://127.0.0.1:PORT/login?t=TOKEN", "the login page says where the link is");
        }

        var apiStatus = await page.EvaluateAsync<int>("async () => (await fetch('/api/resources')).status");
        Assert.AreEqual(401, apiStatus);

        var wrong = await page.GotoAsync(new Uri(app.Server.BaseAddress, "login?t=" + new string('A', 43)).ToString());
        Assert.AreEqual(401, wrong!.Status);
        await Expect(page.Locator("#login-error")).ToBeVisibleAsync();
        Assert.IsEmpty(await page.Context.CookiesAsync(), "a wrong token sets no cookie");
        await Screenshots.SaveAsync(page, TestContext, "login");
    }

    [TestMethod]
    public async Task Resources_page_shows_a_resource_start_live_without_a_reload()
    {
        var gateOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await DashboardTestApp.StartAsync((builder, dir) =>
        {
            builder.Services.AddHealthChecks().AddCheck("gate-open", () =>
                gateOpen.Task.IsCompleted ? HealthCheckResult.Healthy("opened by the test") : HealthCheckResult.Unhealthy("closed"));
            var gate = builder.AddExecutable("gate", "sleep", dir, "600").WithHealthCheck("gate-open");
            builder.AddExecutable("svc", "sh", dir, "-c", "echo svc up; exec sleep 600").WaitFor(gate);
        }, null, TestContext.CancellationToken);
        var page = await SignedInPageAsync(app);
        var svcState = page.Locator("tr[data-resource='svc'] .state");
        await Expect(svcState).ToHaveTextAsync(KnownResourceStates.Waiting);
        await page.EvaluateAsync("() => { window.__loadedOnce = 'yes'; }");

        gateOpen.SetResult();

        await Expect(svcState).ToHaveTextAsync(KnownResourceStates.Running);
        await Expect(svcState).ToHaveClassAsync(new Regex("\\bsuccess\\b"));
        await Expect(page.Locator("tr[data-resource='gate'] td").Nth(3)).ToHaveTextAsync("Healthy");
        Assert.AreEqual("yes", await page.EvaluateAsync<string>("() => window.__loadedOnce"), "the page was not reloaded");
        await page.Locator("tr[data-resource='svc'] td.name").ClickAsync();
        await Expect(page.Locator("#detail-name")).ToHaveTextAsync("svc");
        await Expect(page.Locator("#detail-body")).ToContainTextAsync("echo svc up");
    }

    [TestMethod]
    public async Task Logs_page_shows_a_line_written_after_it_loaded_and_filters_lines()
    {
        await using var app = await DashboardTestApp.StartAsync(AddSecretResource, null, TestContext.CancellationToken);
        var page = await SignedInPageAsync(app, "logs?resource=secretive-svc");
        await Expect(page.Locator("#log .line .text").First).ToHaveTextAsync("secretive-svc is up");
        await page.EvaluateAsync("() => { window.__loadedOnce = 'yes'; }");

        var marker = "written after load " + Guid.NewGuid().ToString("N");
        app.Logs.WriteLine("secretive-svc", marker, isError: true);

        var line = page.Locator("#log .line", new() { HasText = marker });
        await Expect(line).ToBeVisibleAsync();
        await Expect(line).ToHaveClassAsync(new Regex("\\berr\\b"));
        Assert.AreEqual("yes", await page.EvaluateAsync<string>("() => window.__loadedOnce"), "the page was not reloaded");

        await page.Locator("#log-filter").FillAsync("after load");
        await Expect(page.Locator("#log .line:not(.hidden)")).ToHaveCountAsync(1);
        await Expect(page.Locator("#log .line:not(.hidden) .text")).ToHaveTextAsync(marker);
    }

    [TestMethod]
    public async Task A_script_in_a_log_line_renders_as_text_and_never_runs()
    {
        await using var app = await DashboardTestApp.StartAsync(AddSecretResource, null, TestContext.CancellationToken);
        var page = await SignedInPageAsync(app, "logs?resource=secretive-svc");
        await Expect(page.Locator("#log .line .text").First).ToHaveTextAsync("secretive-svc is up");

        const string ScriptLine = "<script>window.pwned=1</script>";
        const string ImageLine = "<img src=x onerror=\"window.pwned=2\">";
        app.Logs.WriteLine("secretive-svc", ScriptLine, isError: false);
        app.Logs.WriteLine("secretive-svc", ImageLine, isError: false);

        await Expect(page.Locator("#log .line .text", new() { HasText = ScriptLine })).ToHaveTextAsync(ScriptLine);
        await Expect(page.Locator("#log .line .text", new() { HasText = ImageLine })).ToHaveTextAsync(ImageLine);
        Assert.AreEqual("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));
        Assert.AreEqual(0, await page.Locator("#log script, #log img").CountAsync(), "no element was made from a log line");
    }

    [TestMethod]
    public async Task Restart_button_restarts_the_process_and_the_page_shows_the_states_it_went_through()
    {
        await using var app = await DashboardTestApp.StartAsync(AddSecretResource, null, TestContext.CancellationToken);
        var first = await app.Notifications.WaitForResourceAsync(
            "secretive-svc", e => e.Snapshot.State?.Text == KnownResourceStates.Running, TestContext.CancellationToken);
        var page = await SignedInPageAsync(app);
        var row = page.Locator("tr[data-resource='secretive-svc']");
        await Expect(row.Locator(".state")).ToHaveTextAsync(KnownResourceStates.Running);
        // Record every state text the row shows from now on (rows are replaced on each update).
        await page.EvaluateAsync("""
            () => {
              window.__states = [];
              new MutationObserver(() => {
                const s = document.querySelector("tr[data-resource='secretive-svc'] .state");
                if (s && window.__states[window.__states.length - 1] !== s.textContent) window.__states.push(s.textContent);
              }).observe(document.querySelector('#resources tbody'), { childList: true, subtree: true });
            }
            """);

        await row.Locator($"button[data-command='{KnownResourceCommands.RestartCommand}']").ClickAsync();

        await Expect(page.Locator("#toast")).ToContainTextAsync("done on secretive-svc");
        var second = await app.Notifications.WaitForResourceAsync(
            "secretive-svc", e => e.Snapshot.GetProperty(KnownProperties.StartCount) == "2" && e.Snapshot.State?.Text == KnownResourceStates.Running,
            TestContext.CancellationToken);
        Assert.AreNotEqual(first.Snapshot.GetProperty(KnownProperties.ProcessId), second.Snapshot.GetProperty(KnownProperties.ProcessId));
        await Expect(row.Locator(".state")).ToHaveTextAsync(KnownResourceStates.Running);
        var states = await page.EvaluateAsync<string[]>("() => window.__states");
        CollectionAssert.IsSubsetOf(new[] { KnownResourceStates.Exited, KnownResourceStates.Running }, states,
            "the row went down and up again: " + string.Join(" -> ", states));
        Assert.AreEqual(KnownResourceStates.Running, states[^1]);
    }

    [TestMethod]
    public async Task Every_page_renders_its_data_and_is_saved_as_a_screenshot()
    {
        var planJson = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "implementer.plan.json"), TestContext.CancellationToken);
        await using var app = await DashboardTestApp.StartAsync(AddSampleResources, new DashboardOptions
        {
            BottleName = "implementer",
            Plan = planJson,
            Output = TextWriter.Null,
        }, TestContext.CancellationToken);
        await app.Notifications.WaitForResourceAsync("worker", KnownResourceStates.Finished, TestContext.CancellationToken);
        await app.Notifications.WaitForResourceHealthyAsync("api", TestContext.CancellationToken);
        PublishSampleAudit(app.Audit);
        var page = await SignedInPageAsync(app, "?resource=api");

        await Expect(page.Locator("tr[data-resource='worker'] .state")).ToHaveTextAsync(KnownResourceStates.Finished);
        await Expect(page.Locator("#detail-name")).ToHaveTextAsync("api");
        var apiKey = page.Locator("#detail-body dt", new() { HasText = "API_KEY" }).Locator("xpath=following-sibling::dd[1]");
        await Expect(apiKey).ToHaveTextAsync("••••••••");
        Assert.DoesNotContain("bottle-cred-", await page.ContentAsync(), "credential placeholders never reach the browser");
        await Screenshots.SaveAsync(page, TestContext, "resources");

        await page.GotoAsync(new Uri(app.Server.BaseAddress, "graph").ToString());
        await Expect(page.Locator("#graph g.node")).ToHaveCountAsync(4);
        await Expect(page.Locator("#graph path.edge")).ToHaveCountAsync(3);
        await Expect(page.Locator("#graph g.node[data-resource='worker']")).ToHaveClassAsync(new Regex("\\bsuccess\\b"));
        await Screenshots.SaveAsync(page, TestContext, "graph");

        await page.GotoAsync(new Uri(app.Server.BaseAddress, "logs?resource=api").ToString());
        await Expect(page.Locator("#log .line .text", new() { HasText = "api: listening" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, TestContext, "logs");

        await page.GotoAsync(new Uri(app.Server.BaseAddress, "egress").ToString());
        await Expect(page.Locator("#egress tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("#count-deny")).ToHaveTextAsync("2");
        await page.Locator("input[data-decision='allow']").UncheckAsync();
        await Expect(page.Locator("#egress tbody tr:not([hidden])")).ToHaveCountAsync(3);
        await page.Locator("input[data-decision='allow']").CheckAsync();
        await Screenshots.SaveAsync(page, TestContext, "egress");

        await page.GotoAsync(new Uri(app.Server.BaseAddress, "plan").ToString());
        await Expect(page.Locator("#plan")).ToContainTextAsync("\"composeProject\": \"bottle-implementer-8a8b11\"");
        await Screenshots.SaveAsync(page, TestContext, "plan");
    }

    /// <summary>One long-running resource whose environment holds credential-like values.</summary>
    private static void AddSecretResource(BottleApplicationBuilder builder, string dir) =>
        builder.AddExecutable("secretive-svc", "sh", dir, "-c", "echo secretive-svc is up; exec sleep 600")
            .WithEnvironment("GITHUB_TOKEN", "bottle-cred-0b9f7c1e-5d2a-4e7b-9a41-2f1c3d4e5f60");

    /// <summary>The sample app host's shape: db (healthy once warmed up) &lt;- api &lt;- worker, plus a compose-like parent.</summary>
    private static void AddSampleResources(BottleApplicationBuilder builder, string dir)
    {
        var readyFile = Path.Combine(dir, "db.ready");
        builder.Services.AddHealthChecks().AddCheck("db-ready", () =>
            File.Exists(readyFile) ? HealthCheckResult.Healthy("ready file present") : HealthCheckResult.Unhealthy("still warming up"));
        var project = builder.AddExecutable("bottle-project", "sleep", dir, "600");
        var db = builder.AddExecutable("db", "sh", dir, "-c", "echo 'db: recovering'; touch db.ready; echo 'db: ready'; exec sleep 600")
            .WithHealthCheck("db-ready")
            .WithParentRelationship(project);
        var api = builder.AddExecutable("api", "sh", dir, "-c", "echo \"api: listening on $PORT\"; echo 'api: warning: cache cold' >&2; exec sleep 600")
            .WithHttpEndpoint(env: "PORT")
            .WithEnvironment("API_KEY", "sk-live-51HqLyjWDarjtT1zdp7dcXYZ")
            .WithEnvironment("UPSTREAM_AUTH", "bottle-cred-7f0e2a9c-0c1d-4c55-8d7e-1b2c3d4e5f6a")
            .WithEnvironment("LOG_LEVEL", "info")
            .WaitFor(db);
        builder.AddExecutable("worker", "sh", dir, "-c", "for i in 1 2 3; do echo \"worker: job $i of 3\"; done; echo 'worker: all jobs done'")
            .WaitFor(api);
    }

    private static void PublishSampleAudit(InMemoryAuditEventSource audit)
    {
        var t = DateTimeOffset.UtcNow;
        audit.Publish(new AuditEvent(t, "pipelock", AuditDecision.Allow, "GET", "api.github.com", "/repos/acme/app", "allowlisted", "api.github.com GET /repos/"));
        audit.Publish(new AuditEvent(t.AddSeconds(1), "pipelock", AuditDecision.Deny, "POST", "pastebin.com", "/api/api_post.php", "host not in the allowlist", null));
        audit.Publish(new AuditEvent(t.AddSeconds(2), "egress", AuditDecision.Allow, "CONNECT", "registry.npmjs.org", null, "allowlisted", "*.npmjs.org"));
        audit.Publish(new AuditEvent(t.AddSeconds(3), "pipelock", AuditDecision.Dlp, "POST", "api.anthropic.com", "/v1/messages", "AWS secret access key in request body", "dlp:aws-secret-key"));
        audit.Publish(new AuditEvent(t.AddSeconds(4), "git-gate", AuditDecision.Deny, "git-push", "github.com", "acme/app refs/heads/main", "push to a protected ref", "refs: main is read-only"));
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await s_browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        TestContext.CancellationToken.Register(() => _ = context.CloseAsync());
        return await context.NewPageAsync();
    }

    /// <summary>Opens the printed login link (which sets the cookie and redirects) and then <paramref name="path"/>.</summary>
    private async Task<IPage> SignedInPageAsync(DashboardTestApp app, string path = "")
    {
        var page = await NewPageAsync();
        await page.GotoAsync(app.Server.LoginUrl.ToString());
        Assert.AreEqual(app.Server.BaseAddress.ToString(), page.Url, "the login link redirects to the resources page");
        if (path.Length > 0)
        {
            await page.GotoAsync(new Uri(app.Server.BaseAddress, path).ToString());
        }

        return page;
    }
}
