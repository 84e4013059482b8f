using Microsoft.Playwright;

namespace Bottle.Tests.Browser;

/// <summary>
/// Saves page screenshots as test artifacts; with <c>BOTTLE_UPDATE_SCREENSHOTS=1</c> also into the checkout's
/// <c>docs/screenshots/</c>, so an ordinary test run (CI included) leaves the working tree clean.
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, TestContext testContext, string name)
    {
        var directory = testContext.TestResultsDirectory ?? Path.GetTempPath();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"dashboard-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        testContext.AddResultFile(path);
        if (Environment.GetEnvironmentVariable("BOTTLE_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            var docs = Path.Combine(root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, $"dashboard-{name}.png"), overwrite: true);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bottle.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
