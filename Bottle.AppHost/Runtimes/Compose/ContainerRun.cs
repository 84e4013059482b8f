using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// One run of a Compose service's container: its log follower (<c>docker logs -f --timestamps</c>, the same
/// stream <c>compose logs</c> reads), its exit watcher (<c>docker wait</c>, whose output is the exit code) and,
/// for a container with a health check, its health event watcher (<c>docker events</c>), which tells the health
/// monitor to check at once. Stop is <c>docker stop</c> with the grace period, unless the bottle is detached:
/// then the watchers end and the container stays.
/// </summary>
internal sealed class ContainerRun : IRunningResource, IHealthChangeSource
{
    /// <summary>How a health event's status starts (<c>health_status: healthy</c>).</summary>
    private const string HealthStatusEvent = "health_status";

    private readonly IComposeServiceResource _service;
    private readonly Process _follower;
    private readonly Process _waiter;
    private readonly Process? _events;
    private readonly Task _followed;
    private readonly Task _watched;

    // One pending change is enough: a check after it sees every change before it.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TimeSpan _grace;

    public ContainerRun(IComposeServiceResource service, ComposeCli compose, Process follower, Process waiter, Process? events, ResourceLoggerService logs, TimeSpan grace)
    {
        _service = service;
        _follower = follower;
        _waiter = waiter;
        _events = events;
        _watched = WatchEventsAsync();
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

    public async Task WaitForHealthChangeAsync(CancellationToken cancellationToken) =>
        await _changes.Reader.ReadAsync(cancellationToken);

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
        if (_events is not null)
        {
            Kill(_events);
        }

        await _watched;
        _events?.Dispose();

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

    // Each health event line is a health change (the watcher also hears 'destroy', which is not); when the watcher
    // ends (or never ran) the channel closes.
    private async Task WatchEventsAsync()
    {
        if (_events is not null)
        {
            await Task.WhenAll(
                PumpAsync(_events.StandardOutput, line =>
                {
                    if (line.StartsWith(HealthStatusEvent, StringComparison.Ordinal))
                    {
                        _changes.Writer.TryWrite(true);
                    }
                }),
                _events.StandardError.ReadToEndAsync());
        }

        _changes.Writer.TryComplete();
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
