using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.Integration.Compose;

/// <summary>
/// A bottle for one test (or one test class): a manifest with a unique name, its own state root under the temp
/// folder, the images the tests build. <see cref="DisposeAsync"/> tears everything down by label and deletes
/// the temp folder, so a failing test leaves nothing behind.
/// </summary>
internal sealed class ComposeTestBottle : IAsyncDisposable
{
    private ComposeTestBottle(string directory, string manifestPath, BottlePlan plan)
    {
        Directory = directory;
        ManifestPath = manifestPath;
        Plan = plan;
        StateRoot = new BottleStateRoot(Path.Combine(directory, "state"));
    }

    public string Directory { get; }

    public string ManifestPath { get; }

    public BottlePlan Plan { get; }

    public BottleStateRoot StateRoot { get; }

    public string StateDirectory => StateRoot.For(Plan.Slug);

    public string SidecarImage => Plan.Sidecars[0].Image;

    public ComposeBottleSession? Session { get; private set; }

    /// <summary>The egress section of the default test manifest: one allowed host, no credential.</summary>
    private const string DefaultPolicy = """
        egress:
          allow:
            - host: "api.example.test"
              ports: [443]
        """;

    /// <summary>
    /// Writes a unique manifest and plans it; requires the engine and builds the images on first use.
    /// <paramref name="policy"/> replaces the manifest's top-level sections after <c>agent</c> (egress, credentials, ...).
    /// </summary>
    public static async Task<ComposeTestBottle> CreateAsync(string purpose, string policy = DefaultPolicy)
    {
        var sidecars = await BottleImages.SidecarsAsync();
        var agent = await BottleImages.AgentAsync();
        var name = $"ct-{purpose}-{Guid.NewGuid():N}"[..24].TrimEnd('-');
        var directory = System.IO.Directory.CreateTempSubdirectory("bottle-compose-").FullName;
        var manifestPath = Path.Combine(directory, "bottle.yaml");
        await File.WriteAllTextAsync(manifestPath, $"""
            name: {name}
            agent:
              image: {agent}

            """ + policy);
        var loaded = await ManifestLoader.LoadAsync(manifestPath, CancellationToken.None);
        Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.FormatErrors()));
        return new ComposeTestBottle(directory, manifestPath, BottlePlanner.Prepare(loaded.Manifest!, new PlanOptions(sidecars)));
    }

    /// <summary>Launches the bottle in this process and waits until every sidecar is healthy and the agent runs.</summary>
    public async Task<ComposeBottleSession> UpAsync(TimeSpan deadline)
    {
        Session = ComposeBottleSession.Create(Plan, StateDirectory, detached: false);
        await Session.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(deadline);
        var failure = await Session.WaitUntilUpAsync(Console.WriteLine, timeout.Token);
        Assert.IsNull(failure, $"bottle {Plan.Slug} did not come up: {failure}");
        return Session;
    }

    /// <summary>
    /// Launches the bottle in this process and waits only until the agent runs, not for the sidecars to be healthy at
    /// the same moment: for tests of the agent's side alone (attach), which on a loaded machine would otherwise wait
    /// on sidecar probes that flap between healthy and unhealthy.
    /// </summary>
    public async Task<ComposeBottleSession> UpUntilAgentRunsAsync(TimeSpan deadline)
    {
        Session = ComposeBottleSession.Create(Plan, StateDirectory, detached: false);
        await Session.StartAsync(CancellationToken.None);
        var session = Session;
        await Poll.UntilAsync(
            () => Task.FromResult(session.Notifications.TryGetCurrentState(ComposeServiceNames.Agent, out var agent)
                && KnownResourceStates.IsRunning(agent.Snapshot.State?.Text) ? "running" : null),
            deadline, $"the agent of bottle {Plan.Slug} to run");
        return Session;
    }

    /// <summary>Runs <c>bottle &lt;args&gt; --state-dir &lt;root&gt;</c> in this process; returns the exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var separator = Array.IndexOf(args, "--");
        string[] withState = separator < 0
            ? [.. args, "--state-dir", StateRoot.Path]
            : [.. args[..separator], "--state-dir", StateRoot.Path, .. args[separator..]];
        var code = await AppHost.Cli.BottleCli.RunAsync(withState, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command in the agent through <c>bottle exec</c>.</summary>
    public Task<(int ExitCode, string Output, string Error)> ExecAsync(params string[] command) =>
        CliAsync(["exec", Plan.Slug, "--", .. command]);

    /// <summary>Containers and networks Docker still has with this bottle's slug label.</summary>
    public async Task<(int Containers, int Networks)> CountLeftoversAsync()
    {
        var containers = await ComposeTeardown.ListContainersAsync(Plan.Slug, CancellationToken.None);
        var networks = await BottleNetworks.ListAsync(Plan.Slug, CancellationToken.None);
        return (containers.Count, networks.Count);
    }

    public async ValueTask DisposeAsync()
    {
        if (Session is not null)
        {
            await Session.StopAsync(CancellationToken.None);
            await Session.DisposeAsync();
        }

        await ComposeTeardown.RunAsync(
            new TeardownTarget(Plan.Slug, Plan.ComposeProject, StateDirectory, [.. Plan.Networks.Select(n => n.Name)]), null, CancellationToken.None);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
