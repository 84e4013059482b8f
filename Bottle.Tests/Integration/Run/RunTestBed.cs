using Bottle.AppHost.Cli;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Unit.Planning;

namespace Bottle.Tests.Integration.Run;

/// <summary>
/// One <c>bottle run</c> in this process, as CI would call it: a unique instance (so its own slug, networks and
/// containers), its own state root and artifacts folder under a temp folder, deleted with everything Docker still
/// has under the slug when disposed.
/// </summary>
internal sealed class RunTestBed : IAsyncDisposable
{
    private RunTestBed(string directory)
    {
        Directory = directory;
        Instance = $"t{Guid.NewGuid():N}"[..12];
        CiManifest = CopyCiManifest(directory);
    }

    public string Directory { get; }

    public string Instance { get; }

    /// <summary>A copy of <c>bottles/ci.yaml</c> (see <see cref="CopyCiManifest"/>).</summary>
    public string CiManifest { get; }

    public string StateRoot => Path.Combine(Directory, "state");

    public string Artifacts => Path.Combine(Directory, "out");

    /// <summary>Requires the engine and the base image; builds Bottle's images once per test run.</summary>
    public static async Task<RunTestBed> CreateAsync()
    {
        await BottleImages.AgentAsync();
        await BottleImages.SidecarsAsync();
        return new RunTestBed(System.IO.Directory.CreateTempSubdirectory("bottle-run-").FullName);
    }

    /// <summary>
    /// Copies <c>bottles/ci.yaml</c> word for word to <c>&lt;directory&gt;/checkout/bottles/ci.yaml</c>, so its workspace
    /// (<c>..</c>) is a plain folder of the test's: the tests may run from a git worktree, whose <c>.git</c> file points
    /// outside the mount and makes the shim refuse the workspace (exit 125).
    /// </summary>
    public static string CopyCiManifest(string directory)
    {
        var bottles = System.IO.Directory.CreateDirectory(Path.Combine(directory, "checkout", "bottles")).FullName;
        var copy = Path.Combine(bottles, "ci.yaml");
        File.Copy(TestRepository.Bottle("ci"), copy);
        var build = Path.Combine(bottles, "..", "build.sh");
        File.WriteAllText(build, "#!/bin/sh\necho built\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(build, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return copy;
    }

    /// <summary>The slug the run of <paramref name="manifestName"/> gets with this bed's instance.</summary>
    public string SlugOf(string manifestName) => BottleSlug.Create(manifestName, Instance);

    /// <summary>Runs <c>bottle run &lt;manifest&gt; --instance --state-dir --artifacts &lt;options&gt; -- &lt;command&gt;</c>.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string manifest, string[] options, string[] command, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        using var captured = new StringWriter();
        using var error = new StringWriter();
        var writer = output ?? captured;
        string[] args = ["run", manifest, "--instance", Instance, "--state-dir", StateRoot, "--artifacts", Artifacts, .. options, "--", .. command];
        var code = await BottleCli.RunAsync(args, TextWriter.Synchronized(writer), TextWriter.Synchronized(error), cancellationToken);
        Console.WriteLine(error.ToString());
        return (code, writer.ToString() ?? string.Empty, error.ToString());
    }

    /// <summary>Containers and networks Docker still has with <paramref name="slug"/>'s label.</summary>
    public static async Task<(int Containers, int Networks)> LeftoversAsync(string slug) =>
        ((await ComposeTeardown.ListContainersAsync(slug, CancellationToken.None)).Count, (await BottleNetworks.ListAsync(slug, CancellationToken.None)).Count);

    public string Artifact(string name) => Path.Combine(Artifacts, name);

    public async ValueTask DisposeAsync()
    {
        foreach (var slug in System.IO.Directory.Exists(StateRoot) ? System.IO.Directory.GetDirectories(StateRoot).Select(Path.GetFileName) : [])
        {
            await ComposeTeardown.RunAsync(new TeardownTarget(slug!, $"bottle-{slug}", Path.Combine(StateRoot, slug!), []), null, CancellationToken.None);
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
