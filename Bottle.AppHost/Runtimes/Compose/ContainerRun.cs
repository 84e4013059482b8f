using System.Diagnostics;
using System.Globalization;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// One run of a Compose service's container: its log follower (<c>docker logs -f --timestamps</c>, the same
/// stream <c>compose logs</c> reads) and its exit watcher (<c>docker wait</c>, whose output is the exit code).
/// Stop is <c>docker stop</c> with the grace period,
/// unless the bottle is detached: then the watchers end and the container stays.
/// </summary>
internal sealed class ContainerRun : IRunningResource
{
    private readonly IComposeServiceResource _service;
    private readonly Process _follower;
    private readonly Process _waiter;
    private readonly Task _followed;
    private readonly TimeSpan _grace;

    public ContainerRun(IComposeServiceResource service, ComposeCli compose, Process follower, Process waiter, ResourceLoggerService logs, TimeSpan grace)
    {
        _service = service;
        _follower = follower;
        _waiter = waiter;
        _grace = grace;
        _followed = Task.WhenAll(
            PumpAsync(follower.StandardOutput, line => logs.WriteLine(service.Name, line, isError: false)),
            PumpAsync(follower.StandardError, line => logs.WriteLine(service.Name, line, isError: true)));
        Completion = WaitForExitCodeAsync();
        Properties =
        [
            new("container.name", service.ContainerName),
            new("compose.service", service.ServiceName),
            new("compose.project", compose.ProjectName),
        ];
    }

    public Task<int?> Completion { get; }

    public IReadOnlyList<ResourcePropertySnapshot> Properties { get; }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_service.Project.Detached)
        {
            Kill(_waiter);
            Kill(_follower);
        }
        else
        {
            var seconds = ((int)Math.Ceiling(_grace.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var stop = await DockerCli.RunAsync(["stop", "--time", seconds, _service.ContainerName], cancellationToken);
            if (!stop.Succeeded)
            {
                // Fail closed: a container we could not stop is forced down rather than left running.
                await DockerCli.RunAsync(["kill", _service.ContainerName], cancellationToken);
            }
        }

        await Completion;
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_waiter);

        // The follower ends by itself once the container has stopped and its last lines are out; give it a moment.
        try
        {
            await _follower.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            Kill(_follower);
        }

        await _followed;
        _waiter.Dispose();
        _follower.Dispose();
    }

    private async Task<int?> WaitForExitCodeAsync()
    {
        var output = await _waiter.StandardOutput.ReadToEndAsync();
        await _waiter.WaitForExitAsync();
        return int.TryParse(output.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
