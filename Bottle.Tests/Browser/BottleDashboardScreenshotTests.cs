using Bottle.AppHost.Dashboard;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Sidecars.Audit;
using Bottle.Tests.Integration.Compose;
using Bottle.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bottle.Tests.Browser;

/// <summary>
/// The dashboard of a real Docker bottle (the session <c>up</c> runs) in real Chromium: Resources shows the
/// sidecars Running/Healthy, Logs shows a sidecar's own log, Egress shows lines the sidecars' writer appended to
/// the state dir's <c>audit.jsonl</c>. Screenshots of the three pages are the test's artifacts
/// (<c>BOTTLE_UPDATE_SCREENSHOTS=1</c> also copies them to <c>docs/screenshots/dashboard-bottle-*.png</c>).
/// </summary>
[TestClass]
public sealed class BottleDashboardScreenshotTests
{
    private static readonly TimeSpan UpDeadline = TimeSpan.FromMinutes(4);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_real_bottle_shows_on_the_resources_logs_and_egress_pages()
    {
        await DockerEngine.RequireAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        SetDefaultExpectTimeout(60_000);
        await using var bottle = await ComposeTestBottle.CreateAsync("shots");
        await using var session = ComposeBottleSession.Create(bottle.Plan, bottle.StateDirectory, detached: false,
            new ComposeBottleSessionOptions(new DashboardOptions { BottleName = bottle.Plan.Slug, Output = TextWriter.Null }));
        try
        {
            await session.StartAsync(TestContext.CancellationToken);
            using (var up = new CancellationTokenSource(UpDeadline))
            {
                Assert.IsNull(await session.WaitUntilUpAsync(null, up.Token));
            }

            await WriteSampleAuditAsync(Path.Combine(bottle.StateDirectory, ComposeBottleSession.AuditFileName));
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            var page = await context.NewPageAsync();
            var dashboard = session.Dashboard!;
            await page.GotoAsync(dashboard.LoginUrl.ToString());

            foreach (var sidecar in new[] { "pipelock", "egress", "git-gate" })
            {
                await Expect(page.Locator($"tr[data-resource='{sidecar}'] .state")).ToHaveTextAsync("Running");
                await Expect(page.Locator($"tr[data-resource='{sidecar}'] td").Nth(3)).ToHaveTextAsync("Healthy");
            }

            await Expect(page.Locator("tr[data-resource='agent'] .state")).ToHaveTextAsync("Running");
            await Screenshots.SaveAsync(page, TestContext, "bottle-resources");

            await page.GotoAsync(new Uri(dashboard.BaseAddress, "logs?resource=pipelock").ToString());
            await Expect(page.Locator("#log .line .text", new() { HasText = "Sidecar pipelock started" }).First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, TestContext, "bottle-logs");

            await page.GotoAsync(new Uri(dashboard.BaseAddress, "egress").ToString());
            await Expect(page.Locator("#egress tbody tr")).ToHaveCountAsync(4);
            await Expect(page.Locator("#egress tbody tr[data-decision='dlp']")).ToContainTextAsync("findings: aws-access-key-id");
            await Expect(page.Locator("#count-deny")).ToHaveTextAsync("1");
            await Screenshots.SaveAsync(page, TestContext, "bottle-egress");
            await context.CloseAsync();
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Appends what pipelock and egress write for a short session, with their own writer.</summary>
    private static async Task WriteSampleAuditAsync(string path)
    {
        var t = DateTimeOffset.UtcNow;
        await using var writer = new AuditWriter(path, null, NullLogger<AuditWriter>.Instance);
        writer.Write(new AuditEvent(t, "r-1", "pipelock", "GET", "api.example.test", 443, "/v1/models", AuditEvent.Allow, null, "api.example.test:443 * /", [], 0, 2048, 41));
        writer.Write(new AuditEvent(t.AddSeconds(1), "r-2", "pipelock", "POST", "paste.example.test", 443, "/api/post", AuditEvent.Deny, "host_not_allowed", null, [], 0, 0, 1));
        writer.Write(new AuditEvent(t.AddSeconds(2), "r-3", "pipelock", "POST", "api.example.test", 443, AuditRedaction.Withheld, AuditEvent.Deny, "dlp_blocked", null, ["aws-access-key-id"], 0, 0, 2));
        writer.Write(new AuditEvent(t.AddSeconds(3), "r-4", "egress", "GET", "api.example.test", 443, "/v1/slow", AuditEvent.Error, "upstream_timeout", "api.example.test:443 * /", [], 0, 0, 30000));
    }
}
