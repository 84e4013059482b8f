using System.Diagnostics;
using System.Text.Json;
using Bottle.AppHost.Planning;
using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Writes a bottle's state directory at launch (0700): the Compose file, the sidecar configs, a fresh CA
/// (key 0600), the credentials egress and git-gate hold (0600, read from their sources now), the audit and
/// findings files the sidecars append to, and <c>metadata.json</c>; outside it, the local remotes' bare
/// repositories (<see cref="LocalRemotes"/>). Every file goes through <see cref="StateFiles"/> (temp + rename).
/// Secrets and writable files are handed to the sidecar user (uid <see cref="SidecarUid"/>) when bottle runs as
/// root, so the non-root sidecars can read them.
/// </summary>
public sealed class BottleStateWriter(TimeProvider timeProvider)
{
    /// <summary>The sidecar image's user and group id (see Bottle.Sidecars/Dockerfile).</summary>
    public const int SidecarUid = 10001;

    /// <summary>The Compose file's name in the state directory.</summary>
    public const string ComposeFileName = "docker-compose.yml";

    /// <summary>Writes everything for <paramref name="plan"/> into <paramref name="stateDirectory"/> and returns the metadata written.</summary>
    /// <param name="plan">The bottle's plan.</param>
    /// <param name="stateDirectory">The bottle's state directory (created 0700).</param>
    /// <param name="detached">Recorded in the metadata.</param>
    /// <param name="progress">Hears what was done outside the state directory (a local remote's bare repository created).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<BottleMetadata> WriteAsync(
        BottlePlan plan, string stateDirectory, bool detached, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        stateDirectory = Path.GetFullPath(stateDirectory);
        StateFiles.EnsurePrivateDirectory(stateDirectory);
        string In(string name) => Path.Combine(stateDirectory, name);

        // Credentials first: a missing one stops the launch before anything else is written or started.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var credential in plan.Credentials.Where(c => c.Holders.Count > 0))
        {
            values[credential.Name] = await CredentialReader.ReadAsync(credential.Name, credential.Source, cancellationToken);
        }

        var sidecarOwned = new List<string>();
        var egressValues = plan.Credentials.Where(c => c.Holders.Contains("egress")).ToDictionary(c => c.Name, c => values[c.Name], StringComparer.Ordinal);
        StateFiles.WriteText(In("credentials.json"), JsonSerializer.Serialize(egressValues), StateFiles.Secret);
        sidecarOwned.Add(In("credentials.json"));
        var gitHeld = plan.Credentials.Where(c => c.Holders.Contains("git-gate")).ToList();
        if (gitHeld.Count > 0)
        {
            StateFiles.EnsurePrivateDirectory(In("git"));
            sidecarOwned.Add(In("git"));
            foreach (var credential in gitHeld)
            {
                StateFiles.WriteText(In(Path.Combine("git", credential.Name)), values[credential.Name] + "\n", StateFiles.Secret);
                sidecarOwned.Add(In(Path.Combine("git", credential.Name)));
            }
        }

        var (certificate, key) = BottleCertificateAuthority.Create(plan.Slug, timeProvider);
        StateFiles.WriteText(In("ca.pem"), certificate, StateFiles.Public);
        StateFiles.WriteText(In("ca-key.pem"), key, StateFiles.Secret);
        sidecarOwned.Add(In("ca-key.pem"));

        // JSON is valid YAML: the sidecars read these files with the same serializer options that wrote them.
        SidecarConfigWriter.Write(plan, stateDirectory);
        StateFiles.EnsureFile(In("audit.jsonl"), StateFiles.Public);
        sidecarOwned.Add(In("audit.jsonl"));

        // A folder git-gate owns: it renames each findings file into place there.
        StateFiles.EnsurePrivateDirectory(In(BottlePlanner.FindingsFolder));
        sidecarOwned.Add(In(BottlePlanner.FindingsFolder));

        var gitGateGroups = await LocalRemotes.EnsureAsync(plan, stateDirectory, progress, cancellationToken);
        StateFiles.WriteText(In(ComposeFileName), ComposeFileRenderer.Render(plan, stateDirectory, gitGateGroups), StateFiles.Public);
        await HandToSidecarUserAsync(sidecarOwned, cancellationToken);

        using var self = Process.GetCurrentProcess();
        var metadata = new BottleMetadata(
            plan.Slug,
            plan.Name,
            plan.ComposeProject,
            In(ComposeFileName),
            stateDirectory,
            [.. plan.Networks.Select(n => n.Name)],
            ComposeServiceNames.All.ToDictionary(s => s, s => ComposeServiceNames.ContainerName(plan.ComposeProject, s), StringComparer.Ordinal),
            plan.Agent.Command,
            plan.Agent.Workdir,
            Environment.ProcessId,
            new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero),
            detached,
            timeProvider.GetUtcNow());
        StateFiles.WriteText(In(BottleMetadata.FileName), metadata.ToJson(), StateFiles.Public);
        return metadata;
    }

    private static async Task HandToSidecarUserAsync(List<string> paths, CancellationToken cancellationToken)
    {
        // Without root the files stay the user's: a rootless engine maps them itself, and chown would fail anyway.
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess)
        {
            return;
        }

        var owner = $"{SidecarUid}:{SidecarUid}";
        (await DockerCli.RunProgramAsync("chown", [owner, .. paths], cancellationToken))
            .EnsureSuccess($"chown {owner} of the sidecars' secrets and writable files");
    }
}
