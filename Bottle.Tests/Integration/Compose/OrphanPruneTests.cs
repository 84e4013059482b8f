using System.Diagnostics;
using Bottle.AppHost.Cli;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.Integration.Compose;

/// <summary>An app host killed with SIGKILL mid-run leaves its bottle behind; <c>prune</c> removes all of it.</summary>
[TestClass]
[DoNotParallelize]
public sealed class OrphanPruneTests
{
    [TestMethod]
    public async Task Prune_after_kill_9_of_the_app_host_leaves_nothing()
    {
        await using var bottle = await ComposeTestBottle.CreateAsync("kill");
        var appHost = typeof(BottleCli).Assembly.Location;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { appHost, "up", bottle.ManifestPath, "--sidecar-image", bottle.SidecarImage, "--state-dir", bottle.StateRoot.Path })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        try
        {
            // A non-interactive stdin confirms the launch.
            process.StandardInput.Close();
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                Console.WriteLine(e.Data);
                if (e.Data?.Contains(" is up.", StringComparison.Ordinal) == true)
                {
                    up.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, e) => Console.WriteLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await up.Task.WaitAsync(TimeSpan.FromMinutes(3));
            Assert.AreNotEqual((0, 0), await bottle.CountLeftoversAsync());
        }
        finally
        {
            // SIGKILL: no handler runs, nothing is torn down.
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        Assert.AreEqual(4, (await bottle.CountLeftoversAsync()).Containers, "the bottle must still be there after SIGKILL");

        var preview = await bottle.CliAsync("prune", "--dry-run", "--keep-images");
        Assert.AreEqual(0, preview.ExitCode, preview.Error);
        StringAssert.Contains(preview.Output, "would prune");
        StringAssert.Contains(preview.Output, bottle.Plan.Slug);
        Assert.AreEqual(4, (await bottle.CountLeftoversAsync()).Containers, "prune --dry-run must remove nothing");

        // --keep-images: this test is about the bottle; removing images here would touch other worktrees' builds on a shared engine.
        var prune = await bottle.CliAsync("prune", "--keep-images");

        Assert.AreEqual(0, prune.ExitCode, prune.Error);
        StringAssert.Contains(prune.Output, bottle.Plan.Slug);
        Assert.AreEqual((0, 0), await bottle.CountLeftoversAsync());
        Assert.IsFalse(Directory.Exists(bottle.StateDirectory), "prune must remove the state directory");

        // The killed app host's Docker clients (log followers, exit and health watchers) outlive it; none may
        // outlive the bottle.
        await Poll.UntilAsync(
            () => Task.FromResult(ClientsOf(bottle.Plan.ComposeProject).Count == 0 ? "none" : null),
            TimeSpan.FromSeconds(30),
            $"the killed app host's docker clients for {bottle.Plan.ComposeProject} to end");
    }

    // Every 'docker ...' process on this machine whose command line names one of the project's containers.
    private static List<string> ClientsOf(string composeProject) =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ').Trim();
                }
                catch (IOException)
                {
                    return string.Empty;
                }
                catch (UnauthorizedAccessException)
                {
                    return string.Empty;
                }
            })
            .Where(cmdline => cmdline.StartsWith("docker ", StringComparison.Ordinal) && cmdline.Contains(composeProject, StringComparison.Ordinal)),
    ];
}
