using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;

namespace Bottle.AppHost.Cli;

/// <summary>
/// <c>bottle apply &lt;bottle&gt; [manifest]</c>: re-plan a changed manifest and push its sidecar configs to the
/// running bottle. Each changed config is renamed into place atomically (its folder is the bind mount, so the
/// sidecar sees the new file); pipelock gets SIGHUP and reloads, keeping its old policy when the new one does not
/// load. The manifest must plan the same bottle (same slug): apply changes a bottle's policy, not its identity.
/// </summary>
internal static class ApplyCommand
{
    /// <summary>The sidecars that reload their config on SIGHUP (see <c>PipelockHostedService</c>); the others read it at start.</summary>
    private static readonly TimeSpan ReloadDeadline = TimeSpan.FromSeconds(10);

    private static readonly HashSet<string> ReloadOnHangup = new(StringComparer.Ordinal) { "pipelock" };

    public static Command Create()
    {
        var target = CliSymbols.Target();
        var manifest = new Argument<string?>("manifest")
        {
            Description = "The changed manifest (default: the <bottle> argument, when that is a manifest path).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var stateDir = ComposeVerbSymbols.StateDir();
        var command = new Command("apply", "Apply a changed manifest's egress and DLP policy to its running bottle (atomic; a bad config keeps the old one).")
        {
            target,
            manifest,
            stateDir,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result, result.GetRequiredValue(target), result.GetValue(manifest), BottleStateRoot.Resolve(result.GetValue(stateDir)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, string target, string? manifestPath, BottleStateRoot root, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        manifestPath ??= target;
        if (!File.Exists(manifestPath))
        {
            await error.WriteLineAsync($"bottle: manifest '{manifestPath}' does not exist; usage: bottle apply <slug|manifest> [manifest]");
            return ExitCodes.UsageError;
        }

        var loaded = await ManifestLoader.LoadAsync(manifestPath, cancellationToken);
        if (!loaded.Succeeded)
        {
            foreach (var line in loaded.FormatErrors())
            {
                await error.WriteLineAsync(line);
            }

            await error.WriteLineAsync($"bottle: {loaded.Errors.Count} error(s) in {manifestPath}; nothing was applied");
            return ExitCodes.UsageError;
        }

        var plan = BottlePlanner.Prepare(loaded.Manifest!, PlanOptions.Default);
        if (await ComposeVerbSymbols.FindAsync(target, root, error, cancellationToken) is not { } running)
        {
            return ExitCodes.RuntimeFailure;
        }

        if (plan.Slug != running.Slug)
        {
            await error.WriteLineAsync(
                $"bottle: {manifestPath} plans bottle '{plan.Slug}', but the running bottle is '{running.Slug}': its name or instance differs. " +
                "apply changes a running bottle's policy, not which bottle it is; nothing was applied");
            return ExitCodes.UsageError;
        }

        var pending = new List<(SidecarPlan Sidecar, string Text, string Path)>();
        foreach (var (sidecar, text) in SidecarConfigWriter.Render(plan))
        {
            var path = SidecarConfigWriter.PathOf(sidecar, running.StateDirectory);
            if (!File.Exists(path))
            {
                await error.WriteLineAsync(
                    $"bottle: {running.Slug} has no '{sidecar.ConfigFile}' in {running.StateDirectory}: it was launched by an older bottle that mounts " +
                    "configs as files, which a rename cannot update. Restart it ('bottle down', 'bottle up') to apply; nothing was applied");
                return ExitCodes.RuntimeFailure;
            }

            var old = await File.ReadAllTextAsync(path, cancellationToken);
            if (old == text)
            {
                continue;
            }

            foreach (var change in Describe(old, text))
            {
                await output.WriteLineAsync($"  {sidecar.Role}: {change}");
            }

            pending.Add((sidecar, text, path));
        }

        if (pending.Count == 0)
        {
            await output.WriteLineAsync($"bottle {running.Slug}: nothing to apply, the running configs already match {manifestPath}");
            return ExitCodes.Ok;
        }

        // Every file first, then the signals: a sidecar reloading sees a complete new set, never a mix.
        foreach (var (sidecar, text, _) in pending)
        {
            SidecarConfigWriter.Write(sidecar, text, running.StateDirectory);
        }

        var failed = false;
        foreach (var (sidecar, _, path) in pending)
        {
            if (!ReloadOnHangup.Contains(sidecar.Role))
            {
                await output.WriteLineAsync($"  {sidecar.Role}: wrote {path}; {sidecar.Role} has no reload signal, so this applies when it next starts");
                continue;
            }

            var container = running.Containers.GetValueOrDefault(sidecar.Role) ?? ComposeServiceNames.ContainerName(running.ComposeProject, sidecar.Role);
            var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signal = await DockerCli.RunAsync(["kill", "--signal", "HUP", container], cancellationToken);
            if (!signal.Succeeded)
            {
                failed = true;
                await error.WriteLineAsync($"bottle: wrote {path}, but signalling {container} failed: {signal.StdErr.Trim()}; it runs its old policy until it restarts");
                continue;
            }

            await output.WriteLineAsync($"  {sidecar.Role}: wrote {path}; sent SIGHUP to {container}");
            switch (await WaitForReloadAsync(container, since, cancellationToken))
            {
                case { Rejected: false, Message: var message }:
                    await output.WriteLineAsync($"  {sidecar.Role}: {message}");
                    break;
                case { Rejected: true, Message: var message }:
                    failed = true;
                    await error.WriteLineAsync($"bottle: {sidecar.Role} refused the new config and keeps the old one: {message}");
                    break;
                case null:
                    await output.WriteLineAsync($"  {sidecar.Role}: no reload line in its log within {ReloadDeadline.TotalSeconds:F0} s; check 'docker logs {container}'");
                    break;
            }
        }

        await output.WriteLineAsync($"bottle {running.Slug}: applied {manifestPath}");
        return failed ? ExitCodes.RuntimeFailure : ExitCodes.Ok;
    }

    /// <summary>
    /// Reads the sidecar's log after the signal for its reload verdict (pipelock logs "Policy vN in force" or
    /// "Policy reload rejected, vN stays in force"); null when neither appears before the deadline.
    /// </summary>
    private static async Task<(bool Rejected, string Message)?> WaitForReloadAsync(string container, string since, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ReloadDeadline;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var logs = await DockerCli.RunAsync(["logs", "--since", since, container], cancellationToken);
            foreach (var line in (logs.StdOut + "\n" + logs.StdErr).Split('\n'))
            {
                var message = LogMessage(line);
                if (message?.StartsWith("Policy reload rejected", StringComparison.Ordinal) == true)
                {
                    return (true, message);
                }

                if (message?.StartsWith("Policy v", StringComparison.Ordinal) == true)
                {
                    return (false, message);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellationToken);
        }

        return null;
    }

    /// <summary>The <c>Message</c> of one JSON log line (the sidecars log JSON to stdout), or null.</summary>
    private static string? LogMessage(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("Message", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What differs between two renderings of one sidecar's config: each rule added or removed (arrays named
    /// <c>*rules</c>, shown as <see cref="EgressRule.Describe"/>), and the names of other settings that changed.
    /// </summary>
    internal static IEnumerable<string> Describe(string oldJson, string newJson)
    {
        using var oldDocument = JsonDocument.Parse(oldJson);
        using var newDocument = JsonDocument.Parse(newJson);
        var oldProperties = oldDocument.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var property in newDocument.RootElement.EnumerateObject())
        {
            var had = oldProperties.Remove(property.Name, out var oldValue);
            if (property.Name.EndsWith("rules", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
            {
                var before = had && oldValue.ValueKind == JsonValueKind.Array ? Rules(oldValue) : [];
                var after = Rules(property.Value);
                changes.AddRange(after.Except(before).Select(r => $"+ {property.Name} {r}"));
                changes.AddRange(before.Except(after).Select(r => $"- {property.Name} {r}"));
            }
            else if (!had || oldValue.GetRawText() != property.Value.GetRawText())
            {
                changes.Add($"{property.Name} changed");
            }
        }

        changes.AddRange(oldProperties.Keys.Select(name => $"{name} removed"));
        return changes;
    }

    private static List<string> Rules(JsonElement array) =>
        [.. array.EnumerateArray().Select(r => SidecarConfigJson.Deserialize<EgressRule>(r.GetRawText()).Describe())];
}
