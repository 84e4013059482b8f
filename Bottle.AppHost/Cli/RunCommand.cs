using System.CommandLine;
using System.CommandLine.Parsing;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary>
/// <c>bottle run &lt;manifest&gt; [--artifacts DIR] [--timeout T] -- &lt;command...&gt;</c>: a bottle for one command (CI).
/// No prompt; waits until the sidecars are healthy and the agent runs; runs the command in the agent through the
/// shim with its output streamed (stdout to stdout, stderr to stderr; Bottle's own progress goes to stderr); tears
/// down always (also on Ctrl-C, SIGTERM and timeout); saves the artifacts; exits with the command's code, or one
/// of <see cref="RunExitCodes"/> when the bottle is why it ended.
/// </summary>
internal static class RunCommand
{
    /// <summary>How long the bottle may take to come up (image builds included in the wait for images, not here).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private const string ExitCodeHelp = """

        Exit codes:
          N    the command's own exit code
          2    bad command line or manifest; nothing was done
          70   the bottle failed to start; the command never ran
          71   the command outlived --timeout and was stopped
          72   teardown left containers or networks behind ('bottle prune' removes them)
          73   the artifacts could not be saved (only when the command succeeded)
          130  interrupted (Ctrl-C, SIGTERM); the bottle was torn down
          125  bottle-agent (the in-bottle shim) failed; 126 not executable; 127 not found
        """;

    public static Command Create()
    {
        var manifest = CliSymbols.Manifest();
        var argv = new Argument<string[]>("command") { Description = "The command to run in the agent (after '--').", Arity = ArgumentArity.OneOrMore };
        var artifacts = new Option<string?>("--artifacts")
        {
            Description = $"Save compose.log, audit.jsonl, git-gate findings (SARIF, JSON) and {JUnitReport.FileName} (one case per bottle check) into this folder.",
        };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "Stop the command after this long (90s, 10m, 1h) and exit 71. Bottle start has its own 5-minute limit.",
            CustomParser = ParseTimeout,
        };
        var instance = new Option<string?>("--instance")
        {
            Description = "Run as this instance of the manifest (default: the manifest's), so parallel jobs on one Docker host do not collide.",
        };
        var sidecarImage = new Option<string?>("--sidecar-image") { Description = $"The sidecar image to run (default: {PlanOptions.DefaultSidecarImage})." };
        var stateDir = ComposeVerbSymbols.StateDir();
        var command = new Command("run", "Start a bottle, run one command in it, save artifacts, tear down, exit with the command's code." + ExitCodeHelp)
        {
            manifest,
            argv,
            artifacts,
            timeout,
            instance,
            sidecarImage,
            stateDir,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result,
            new RunRequest(
                result.GetRequiredValue(manifest),
                result.GetRequiredValue(argv),
                result.GetValue(artifacts),
                result.GetValue(timeout),
                result.GetValue(instance),
                new PlanOptions(result.GetValue(sidecarImage) ?? PlanOptions.DefaultSidecarImage),
                BottleStateRoot.Resolve(result.GetValue(stateDir))),
            cancellationToken));
        return command;
    }

    private static TimeSpan? ParseTimeout(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (DurationText.TryParse(text, out var duration, out var error))
        {
            return duration;
        }

        result.AddError($"--timeout: {error}");
        return null;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, RunRequest request, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (await PlanAsync(request, error, cancellationToken) is not { } plan)
        {
            return ExitCodes.UsageError;
        }

        // Ctrl-C and SIGTERM end the command and the bottle, never the process in the middle of a teardown.
        using var interrupt = new InterruptSignals(cancellationToken);
        var time = TimeProvider.System;
        var startedAt = time.GetUtcNow();
        void Progress(string line) => error.WriteLine($"bottle: {line}");

        Progress($"starting {plan.Slug} (state in {request.StateRoot.For(plan.Slug)})");
        var start = await BottleStarter.StartAsync(plan, request.StateRoot, Progress, StartTimeout, interrupt.Token);
        var checks = BottleChecks.Read(plan, start.Session?.Notifications).ToList();
        int exitCode;
        if (!start.IsUp)
        {
            Progress($"{plan.Slug} did not come up: {start.Failure}");
            checks.Add(new BottleCheck(BottleChecks.CommandCheck, TimeSpan.Zero, $"did not run: the bottle did not come up ({start.Failure})"));
            exitCode = interrupt.IsCancellationRequested ? RunExitCodes.Interrupted : RunExitCodes.BottleFailedToStart;
        }
        else
        {
            (exitCode, var check) = await RunCommandAsync(plan, request, output, error, time, interrupt.Token);
            checks.Add(check);
        }

        if (start.Session is { } session)
        {
            Progress($"stopping {plan.Slug}: saving logs, removing containers and networks");
            await session.StopAsync(CancellationToken.None);
            await session.DisposeAsync();
        }

        if (start.Session is not null && await LeftoversAsync(plan.Slug) is var (containers, networks) && containers + networks > 0)
        {
            Progress($"teardown of {plan.Slug} left {containers} container(s) and {networks} network(s); 'bottle prune' removes them");
            exitCode = RunExitCodes.TeardownFailed;
        }

        if (request.Artifacts is { } artifacts)
        {
            try
            {
                var saved = await BottleArtifacts.SaveAsync(request.StateRoot.For(plan.Slug), artifacts, plan.Slug, checks, startedAt, CancellationToken.None);
                Progress($"artifacts: {string.Join(", ", saved.Select(Path.GetFileName))} in {Path.GetFullPath(artifacts)}");
            }
            catch (IOException ex)
            {
                Progress(ex.Message);
                exitCode = exitCode == ExitCodes.Ok ? RunExitCodes.ArtifactsFailed : exitCode;
            }
        }

        Progress($"exit code {exitCode}");
        return exitCode;
    }

    private static async Task<BottlePlan?> PlanAsync(RunRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        var loaded = await ManifestLoader.LoadAsync(request.ManifestPath, cancellationToken);
        if (!loaded.Succeeded)
        {
            foreach (var line in loaded.FormatErrors())
            {
                await error.WriteLineAsync(line);
            }

            await error.WriteLineAsync($"bottle: {loaded.Errors.Count} error(s) in {request.ManifestPath}; nothing was done");
            return null;
        }

        var manifest = loaded.Manifest!;
        if (request.Instance is { } instance)
        {
            if (ManifestNames.CheckIdentifier(instance) is { } problem)
            {
                await error.WriteLineAsync($"bottle: --instance: {problem}; nothing was done");
                return null;
            }

            manifest = manifest with { Instance = instance };
        }

        if (manifest.Runtime != BottleRuntime.Docker)
        {
            await error.WriteLineAsync($"bottle: runtime '{manifest.Runtime}' of {request.ManifestPath} is not the Docker runtime; 'run' runs Docker bottles only; nothing was done");
            return null;
        }

        return BottlePlanner.Prepare(manifest, request.Options);
    }

    private static async Task<(int ExitCode, BottleCheck Check)> RunCommandAsync(
        BottlePlan plan, RunRequest request, TextWriter output, TextWriter error, TimeProvider time, CancellationToken interrupted)
    {
        using var timeout = request.Timeout is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupted, timeout.Token);
        var started = time.GetTimestamp();
        var container = ComposeServiceNames.ContainerName(plan.ComposeProject, ComposeServiceNames.Agent);
        error.WriteLine($"bottle: running {string.Join(' ', request.Command)} in {plan.Slug}");
        try
        {
            var code = await BottleExec.RunAsync(container, request.Command, output, error, stop.Token);
            return (code, new BottleCheck(BottleChecks.CommandCheck, time.GetElapsedTime(started), CommandFailure(code)));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            var elapsed = time.GetElapsedTime(started);
            return interrupted.IsCancellationRequested
                ? (RunExitCodes.Interrupted, new BottleCheck(BottleChecks.CommandCheck, elapsed, "interrupted (Ctrl-C or SIGTERM) before the command ended"))
                : (RunExitCodes.Timeout, new BottleCheck(BottleChecks.CommandCheck, elapsed, $"timed out: the command ran longer than --timeout {DurationText.Format(request.Timeout!.Value)} and was stopped"));
        }
    }

    // The shim's own codes say the command never ran; the message says so, so nobody hunts for a bug in the command.
    private static string? CommandFailure(int code) => code switch
    {
        0 => null,
        125 => "bottle-agent (the shim) failed before running the command (exit code 125); its message is on stderr",
        126 => "the command is not executable (exit code 126)",
        127 => "the command was not found in the agent (exit code 127)",
        _ => $"the command exited with code {code}",
    };

    private static async Task<(int Containers, int Networks)> LeftoversAsync(string slug)
    {
        try
        {
            return ((await ComposeTeardown.ListContainersAsync(slug, CancellationToken.None)).Count, (await BottleNetworks.ListAsync(slug, CancellationToken.None)).Count);
        }
        catch (InvalidOperationException)
        {
            // Docker cannot even be asked: nothing can be shown gone, so it counts as left behind (fail closed).
            return (1, 0);
        }
    }

    private sealed record RunRequest(
        string ManifestPath,
        IReadOnlyList<string> Command,
        string? Artifacts,
        TimeSpan? Timeout,
        string? Instance,
        PlanOptions Options,
        BottleStateRoot StateRoot);
}
