using Microsoft.Playwright;

namespace Bottle.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright's bundled driver (no browser download). Without
/// <c>/usr/bin/chromium</c> a test is Inconclusive, or Failed when <c>BOTTLE_REQUIRE_BROWSER=1</c> (CI).
/// </summary>
internal static class ChromiumBrowser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            var message = $"{ExecutablePath} is missing: apt-get install -y chromium";
            if (Environment.GetEnvironmentVariable("BOTTLE_REQUIRE_BROWSER") == "1")
            {
                Assert.Fail(message + " (BOTTLE_REQUIRE_BROWSER=1)");
            }

            Assert.Inconclusive(message);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }
}
