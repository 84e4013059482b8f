using System.CommandLine;
using System.Net;
using Bottle.AppHost.Dashboard;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using Spectre.Console;

namespace Bottle.AppHost.Cli;

/// <summary>
/// <c>bottle up &lt;manifest&gt;</c>: show what will be created, confirm, then launch the bottle (networks,
/// sidecars healthy, agent) and stay up until Ctrl-C or SIGTERM, which tear it down; <c>--detach</c> leaves
/// it running and returns. While it runs, the resources' states show in the terminal and in the web dashboard
/// (unless <c>--no-dashboard</c>), both views of the same services.
/// </summary>
internal static class UpCommand
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(3);

    public static Command Create()
    {
        var manifest = CliSymbols.Manifest();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and stop (same as 'bottle plan')." };
        var format = CliSymbols.Format("the plan with --dry-run");
        var yes = CliSymbols.Yes();
        var detach = new Option<bool>("--detach", "-d") { Description = "Leave the bottle running when this command exits ('bottle down' stops it)." };
        var sidecarImage = new Option<string?>("--sidecar-image") { Description = $"The sidecar image to run (default: {PlanOptions.DefaultSidecarImage}, built from this checkout when needed)." };
        var stateDir = ComposeVerbSymbols.StateDir();
        var dashboardPort = new Option<int>("--dashboard-port") { Description = "The dashboard's port on 127.0.0.1 (default: a free one)." };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "Run headless: no web dashboard, only the terminal view." };
        var command = new Command("up", "Start a bottle: networks, sidecars, agent. Shows what will be created and asks before launching.")
        {
            manifest,
            dryRun,
            format,
            yes,
            detach,
            sidecarImage,
            stateDir,
            dashboardPort,
            noDashboard,
        };
        command.SetAction((result, cancellationToken) => result.GetValue(dryRun)
            ? PlanCommand.RunAsync(result, result.GetRequiredValue(manifest), result.GetValue(format), cancellationToken)
            : RunAsync(result, result.GetRequiredValue(manifest), result.GetValue(yes), result.GetValue(detach),
                new PlanOptions(result.GetValue(sidecarImage) ?? PlanOptions.DefaultSidecarImage),
                BottleStateRoot.Resolve(result.GetValue(stateDir)),
                result.GetValue(noDashboard) ? null : result.GetValue(dashboardPort), cancellationToken));
        return command;
    }

    private static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    private static async Task<int> RunAsync(
        ParseResult parseResult, string manifestPath, bool yes, bool detach, PlanOptions options, BottleStateRoot root, int? dashboardPort,
        CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (dashboardPort is < 0 or > IPEndPoint.MaxPort)
        {
            await error.WriteLineAsync($"bottle: --dashboard-port {dashboardPort} is out of range: use 1-65535, or 0 for a free port; nothing was done");
            return ExitCodes.UsageError;
        }

        var loaded = await ManifestLoader.LoadAsync(manifestPath, cancellationToken);
        if (!loaded.Succeeded)
        {
            foreach (var line in loaded.FormatErrors())
            {
                await error.WriteLineAsync(line);
            }

            await error.WriteLineAsync($"bottle: {loaded.Errors.Count} error(s) in {manifestPath}; nothing was done");
            return ExitCodes.UsageError;
        }

        var plan = BottlePlanner.Prepare(loaded.Manifest!, options);
        if (plan.Runtime != BottleRuntime.Docker)
        {
            await error.WriteLineAsync($"bottle: runtime '{plan.Runtime}' of {manifestPath} is not the Docker runtime; 'up' here runs Docker bottles only");
            return ExitCodes.RuntimeFailure;
        }

        var stateDirectory = root.For(plan.Slug);
        await output.WriteAsync(PlanTextRenderer.Render(plan));
        await output.WriteLineAsync($"\nwill create: {plan.Networks.Count} networks, {plan.Sidecars.Count + 1} containers (project {plan.ComposeProject}), state in {stateDirectory}");
        if (!yes && !Console.IsInputRedirected)
        {
            await output.WriteAsync("Launch? [y/N] ");
            await output.FlushAsync(cancellationToken);
            if (Console.ReadLine()?.Trim().ToLowerInvariant() is not ("y" or "yes"))
            {
                await output.WriteLineAsync("Nothing was done.");
                return ExitCodes.Ok;
            }
        }

        // Ctrl-C and SIGTERM start the teardown instead of ending the process: logs first, nothing left behind.
        using var stop = new InterruptSignals(cancellationToken);
        try
        {
            await ComposeImages.EnsureAsync(plan, line => output.WriteLine($"  image: {line}"), stop.Token);
            var running = (await BottleInventory.ListAsync(root, stop.Token)).FirstOrDefault(b => b.Slug == plan.Slug && !b.IsOrphan);
            if (running is not null)
            {
                await error.WriteLineAsync($"bottle: {plan.Slug} is already running (app host pid {running.Metadata?.AppHostPid}); 'bottle down {plan.Slug}' first");
                return ExitCodes.RuntimeFailure;
            }

            foreach (var pruned in await BottleInventory.PruneAsync(root, line => output.WriteLine($"  prune: {line}"), stop.Token))
            {
                await output.WriteLineAsync($"removed the leftovers of crashed bottle {pruned}");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException || (ex is OperationCanceledException && stop.IsCancellationRequested))
        {
            await error.WriteLineAsync($"bottle: {ex.Message}; nothing was launched");
            return ExitCodes.RuntimeFailure;
        }

        if (detach && dashboardPort is not null)
        {
            await output.WriteLineAsync("--detach: no dashboard (it would end with this command); 'bottle up' without --detach serves one.");
        }

        // The terminal view and the dashboard both watch the session's notification, log and audit services.
        var views = new ComposeBottleSessionOptions(
            Dashboard: detach || dashboardPort is not { } port ? null : new DashboardOptions { Port = port, BottleName = plan.Slug, Plan = plan, Output = output },
            Console: AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                // Colours and the live table only on the process's own terminal; a pipe or a test's writer gets plain lines.
                Ansi = IsTerminal(output) ? AnsiSupport.Detect : AnsiSupport.No,
                Interactive = IsTerminal(output) ? InteractionSupport.Detect : InteractionSupport.No,
            }));
        await using var session = ComposeBottleSession.Create(plan, stateDirectory, detach, views);
        string? failure;
        using (var upTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
        {
            upTimeout.CancelAfter(UpTimeout);
            try
            {
                await session.StartAsync(CancellationToken.None);
                failure = await session.WaitUntilUpAsync(null, upTimeout.Token);
            }
            catch (BottleApplicationException ex)
            {
                failure = ex.Message;
            }
            catch (OperationCanceledException)
            {
                failure = stop.IsCancellationRequested ? "interrupted" : $"not up within {UpTimeout.TotalMinutes:F0} minutes";
            }
        }

        if (failure is not null)
        {
            session.Project.Detached = false;
            await error.WriteLineAsync($"bottle: {plan.Slug} did not come up ({failure}); tearing it down");
            await session.StopAsync(CancellationToken.None);
            return ExitCodes.RuntimeFailure;
        }

        await output.WriteLineAsync($"bottle {plan.Slug} is up. 'bottle attach {plan.Slug}' talks to the agent; 'bottle exec {plan.Slug} -- CMD' runs a command.");
        if (detach)
        {
            await session.StopAsync(CancellationToken.None);
            await output.WriteLineAsync($"detached; 'bottle down {plan.Slug}' stops it.");
            return ExitCodes.Ok;
        }

        await output.WriteLineAsync("Ctrl-C stops it.");
        await output.FlushAsync(CancellationToken.None);
        string? ended = null;
        try
        {
            ended = await session.WaitUntilAServiceEndsAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C, SIGTERM, or the caller's token: tear down.
        }

        if (ended is not null)
        {
            // A container ended under us (a crash, or 'bottle down' from another terminal): a bottle missing a part
            // is not left half up.
            await error.WriteLineAsync($"bottle: {ended}; tearing {plan.Slug} down");
        }

        await output.WriteLineAsync($"stopping {plan.Slug}: saving logs, removing containers and networks");
        await session.StopAsync(CancellationToken.None);
        await output.WriteLineAsync($"bottle {plan.Slug} is down; its logs are in {Path.Combine(stateDirectory, ComposeTeardown.LogFileName)}");
        return ended is null ? ExitCodes.Ok : ExitCodes.RuntimeFailure;
    }
}
