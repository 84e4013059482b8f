using Microsoft.Playwright;

namespace Bottle.Tests.Browser;

/// <summary>Saves page screenshots as test artifacts and, inside a checkout, into <c>docs/screenshots/</c>.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, TestContext testContext, string name)
    {
        var directory = testContext.TestResultsDirectory ?? Path.GetTempPath();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"dashboard-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        testContext.AddResultFile(path);
        if (RepositoryRoot() is { } root)
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
