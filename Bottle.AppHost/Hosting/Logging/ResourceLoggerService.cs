using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bottle.AppHost.Hosting.Logging;

/// <summary>
/// The console log of every resource: runners write lines (stdout, stderr, their own messages), the
/// dashboard and CLI read them from the start of the backlog or live. Each resource keeps at most
/// <see cref="BottleHostingOptions.LogBacklogSize"/> lines; older ones are dropped.
/// </summary>
public sealed class ResourceLoggerService
{
    private readonly ConcurrentDictionary<string, ResourceLogStream> _streams = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _timeProvider;
    private readonly int _backlogSize;

    /// <summary>Creates the service (normally resolved from DI).</summary>
    public ResourceLoggerService(TimeProvider timeProvider, IOptions<BottleHostingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.LogBacklogSize < 1)
        {
            throw new ArgumentException(
                $"{nameof(BottleHostingOptions)}.{nameof(BottleHostingOptions.LogBacklogSize)} must be at least 1, not {options.Value.LogBacklogSize}.",
                nameof(options));
        }

        _timeProvider = timeProvider;
        _backlogSize = options.Value.LogBacklogSize;
    }

    /// <summary>An <see cref="ILogger"/> whose entries become lines of <paramref name="resource"/>'s log (Error and above flagged).</summary>
    public ILogger GetLogger(IResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return GetLogger(resource.Name);
    }

    /// <summary>An <see cref="ILogger"/> whose entries become lines of resource <paramref name="resourceName"/>'s log.</summary>
    public ILogger GetLogger(string resourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        return new ResourceLogger(this, resourceName);
    }

    /// <summary>Appends raw output to a resource's log, one <see cref="LogLine"/> per line of <paramref name="text"/>.</summary>
    /// <param name="resourceName">The resource.</param>
    /// <param name="text">One or more lines (split on LF; a trailing CR is dropped).</param>
    /// <param name="isError">True for stderr.</param>
    public void WriteLine(string resourceName, string text, bool isError)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        ArgumentNullException.ThrowIfNull(text);
        var stream = StreamOf(resourceName);
        var timestamp = _timeProvider.GetUtcNow();
        foreach (var line in text.Split('\n'))
        {
            stream.Append(timestamp, line.TrimEnd('\r'), isError);
        }
    }

    /// <summary>The lines a resource's log keeps right now (for a one-off read; use <see cref="WatchAsync"/> to follow).</summary>
    public IReadOnlyList<LogLine> GetBacklog(string resourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        return StreamOf(resourceName).Backlog();
    }

    /// <summary>
    /// Streams a resource's log lines until <paramref name="cancellationToken"/> is cancelled: the kept backlog
    /// first when <paramref name="fromStart"/> is true, then each new line as it is written.
    /// </summary>
    public async IAsyncEnumerable<LogLine> WatchAsync(
        string resourceName,
        bool fromStart = true,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        await foreach (var line in StreamOf(resourceName).WatchAsync(fromStart, cancellationToken))
        {
            yield return line;
        }
    }

    private ResourceLogStream StreamOf(string resourceName) =>
        _streams.GetOrAdd(resourceName, static (_, size) => new ResourceLogStream(size), _backlogSize);
}
