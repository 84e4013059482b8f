using Bottle.AppHost.Hosting;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Testing;

/// <summary>
/// Starts a real bottle from a test, the way Aspire.Hosting.Testing starts an app:
/// <code>
/// await using var bottle = await BottleTesting.StartAsync("bottles/ci.yaml", ct);
/// var result = await bottle.ExecAsync("git push", ct);
/// </code>
/// Each start gets its own instance (so its own slug, networks and containers) and, unless told otherwise, its own
/// temporary state folder; the returned bottle is up (sidecars healthy, agent running) or the start throws.
/// </summary>
public static class BottleTesting
{
    /// <summary>Starts the bottle of <paramref name="manifestPath"/> with the default <see cref="BottleTestingOptions"/>.</summary>
    public static Task<RunningBottle> StartAsync(string manifestPath, CancellationToken cancellationToken = default) =>
        StartAsync(manifestPath, new BottleTestingOptions(), cancellationToken);

    /// <summary>Starts the bottle of <paramref name="manifestPath"/>.</summary>
    /// <exception cref="BottleApplicationException">The manifest is invalid, or the bottle did not come up (the message says why; nothing is left running).</exception>
    /// <exception cref="ArgumentException">An option names something the manifest does not have.</exception>
    public static async Task<RunningBottle> StartAsync(string manifestPath, BottleTestingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestPath);
        ArgumentNullException.ThrowIfNull(options);
        var loaded = await ManifestLoader.LoadAsync(manifestPath, cancellationToken);
        if (!loaded.Succeeded)
        {
            throw new BottleApplicationException($"{manifestPath} is not a valid manifest:\n{string.Join("\n", loaded.FormatErrors())}");
        }

        var scratch = Directory.CreateTempSubdirectory("bottle-testing-").FullName;
        try
        {
            var manifest = loaded.Manifest! with { Instance = options.Instance ?? $"test-{Guid.NewGuid():N}"[..17] };
            manifest = WithCredentialOverrides(manifest, options.CredentialEnvironment, Path.Combine(scratch, "credentials"));
            manifest = options.ConfigureManifest?.Invoke(manifest) ?? manifest;
            var plan = BottlePlanner.Prepare(manifest, new PlanOptions(options.SidecarImage));
            var root = new BottleStateRoot(Path.GetFullPath(options.StateRoot ?? Path.Combine(scratch, "state")));
            var start = await BottleStarter.StartAsync(plan, root, options.Progress, options.StartTimeout, cancellationToken);
            if (!start.IsUp)
            {
                var logs = string.Empty;
                if (start.Session is { } failed)
                {
                    await using var teardown = new RunningBottle(plan, failed, root.For(plan.Slug), ownedDirectory: null, options.TimeProvider);
                    logs = FailedServiceLogs(plan, teardown);
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw new BottleApplicationException($"bottle {plan.Slug} from {manifestPath} did not come up: {start.Failure}{logs}");
            }

            return new RunningBottle(plan, start.Session!, root.For(plan.Slug), scratch, options.TimeProvider);
        }
        catch
        {
            Directory.Delete(scratch, recursive: true);
            throw;
        }
    }

    // The last lines of every service that is not up: the reason a start failed is almost always in them.
    private static string FailedServiceLogs(BottlePlan plan, RunningBottle bottle)
    {
        const int Lines = 20;
        var text = new System.Text.StringBuilder();
        foreach (var check in BottleChecks.Read(plan, bottle.Notifications).Where(c => !c.Passed))
        {
            var service = check.Name == BottleChecks.AgentCheck ? ComposeServiceNames.Agent : plan.Sidecars.First(s => check.Name == BottleChecks.SidecarCheck(s.Role)).Role;
            var backlog = bottle.Logs.GetBacklog(service);
            text.Append($"\n--- {check.Failure}; the last lines of its log:");
            foreach (var line in backlog.Skip(Math.Max(0, backlog.Count - Lines)))
            {
                text.Append($"\n{service}: {line.Text}");
            }
        }

        return text.ToString();
    }

    // Each overridden variable becomes a 0600 file the credential reads instead: the process environment stays untouched.
    private static BottleManifest WithCredentialOverrides(BottleManifest manifest, IDictionary<string, string> values, string directory)
    {
        if (values.Count == 0)
        {
            return manifest;
        }

        var unused = values.Keys.Where(k => !manifest.Credentials.Any(c => c.Source is { Kind: CredentialSourceKind.Env } s && s.Value == k)).ToList();
        if (unused.Count > 0)
        {
            throw new ArgumentException(
                $"{nameof(BottleTestingOptions.CredentialEnvironment)}: no credential of {manifest.SourcePath} reads environment variable(s) {string.Join(", ", unused)}",
                nameof(values));
        }

        StateFiles.EnsurePrivateDirectory(directory);
        var credentials = manifest.Credentials.Select(c =>
        {
            if (c.Source.Kind != CredentialSourceKind.Env || !values.TryGetValue(c.Source.Value, out var value))
            {
                return c;
            }

            var file = Path.Combine(directory, c.Name);
            StateFiles.WriteText(file, value, StateFiles.Secret);
            return c with { Source = new CredentialSource(CredentialSourceKind.File, file) };
        }).ToList();
        return manifest with { Credentials = credentials };
    }
}
