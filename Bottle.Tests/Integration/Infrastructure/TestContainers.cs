namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>
/// Containers a test creates: unique names and a label per test run, removed (forcefully, idempotently)
/// when the test is disposed, so a failing test leaves nothing behind.
/// </summary>
internal sealed class TestContainers : IAsyncDisposable
{
    /// <summary>Label on everything tests create; its value identifies the test process.</summary>
    public const string LabelName = "io.bottle.test";

    public static string RunId { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..16];

    private readonly List<string> names = [];

    /// <summary>A fresh unique container name, registered for removal.</summary>
    public string NewName(string purpose)
    {
        var name = $"bottle-test-{purpose}-{Guid.NewGuid():N}"[..40];
        lock (names)
        {
            names.Add(name);
        }

        return name;
    }

    /// <summary><c>docker run -d</c> with a new unique name and the test label; returns the name.</summary>
    public Task<string> RunDetachedAsync(string purpose, string image, params string[] command) =>
        RunDetachedAsync(purpose, [], image, command);

    /// <summary><c>docker run -d</c> with extra run options (mounts), a new unique name and the test label; returns the name.</summary>
    public async Task<string> RunDetachedAsync(string purpose, IReadOnlyList<string> runOptions, string image, params string[] command)
    {
        var name = NewName(purpose);
        (await DockerCommand.RunAsync(["run", "-d", "--name", name, "--label", $"{LabelName}={RunId}", .. runOptions, image, .. command], CancellationToken.None))
            .EnsureSuccess($"docker run {image} {string.Join(' ', command)}");
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        string[] toRemove;
        lock (names)
        {
            toRemove = [.. names];
        }

        if (toRemove.Length > 0)
        {
            // rm -f of a missing container prints an error and exits 1: nothing to clean is fine.
            await DockerCommand.RunAsync(["rm", "-f", "-v", .. toRemove], CancellationToken.None);
        }
    }
}
