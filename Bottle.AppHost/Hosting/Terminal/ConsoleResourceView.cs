using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Spectre.Console;

namespace Bottle.AppHost.Hosting.Terminal;

/// <summary>
/// The terminal view of the resources (<c>up --no-dashboard</c>): a live table of name, type, state and health
/// on an interactive terminal, or one line per change when output is redirected (CI logs). A thin view over
/// <see cref="ResourceNotificationService.WatchAsync"/>: it computes nothing the dashboard does not also see.
/// </summary>
public sealed class ConsoleResourceView
{
    private readonly ResourceNotificationService _notifications;
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the view; pass <c>AnsiConsole.Console</c> for the process's terminal.</summary>
    public ConsoleResourceView(ResourceNotificationService notifications, IAnsiConsole console, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _notifications = notifications;
        _console = console;
        _timeProvider = timeProvider;
    }

    /// <summary>Renders until <paramref name="cancellationToken"/> is cancelled; returns normally then.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_console.Profile.Capabilities.Interactive && _console.Profile.Capabilities.Ansi)
            {
                await RenderLiveTableAsync(cancellationToken);
            }
            else
            {
                await WriteChangesAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping the view is the normal way out.
        }
    }

    /// <summary>The table for a set of resources, one row each: name, type, state (coloured by its style), health.</summary>
    public static Table BuildTable(IEnumerable<ResourceEvent> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Name", "Type", "State", "Health");
        foreach (var resource in resources)
        {
            var snapshot = resource.Snapshot;
            table.AddRow(
                new Text(resource.ResourceId),
                new Text(snapshot.ResourceType),
                StateCell(snapshot),
                new Text(HealthText(snapshot)));
        }

        return table;
    }

    private async Task RenderLiveTableAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, ResourceEvent>(StringComparer.OrdinalIgnoreCase);
        await _console.Live(BuildTable([])).AutoClear(false).StartAsync(async context =>
        {
            await foreach (var resourceEvent in _notifications.WatchAsync(cancellationToken))
            {
                latest[resourceEvent.ResourceId] = resourceEvent;
                context.UpdateTarget(BuildTable(latest.Values));
                context.Refresh();
            }
        });
    }

    private async Task WriteChangesAsync(CancellationToken cancellationToken)
    {
        var shown = new Dictionary<string, (string? State, string Health)>(StringComparer.OrdinalIgnoreCase);
        await foreach (var resourceEvent in _notifications.WatchAsync(cancellationToken))
        {
            var snapshot = resourceEvent.Snapshot;
            var current = (snapshot.State?.Text, HealthText(snapshot));
            if (shown.TryGetValue(resourceEvent.ResourceId, out var previous) && previous == current)
            {
                continue;
            }

            shown[resourceEvent.ResourceId] = current;
            var line = new Paragraph()
                .Append($"{_timeProvider.GetLocalNow():HH:mm:ss} ")
                .Append($"{resourceEvent.ResourceId} ({snapshot.ResourceType}) ", new Style(decoration: Decoration.Bold));
            line.Append(snapshot.State?.Text ?? "Unknown", StyleOf(snapshot.State?.Style));
            if (current.Item2.Length > 0)
            {
                line.Append($" {current.Item2}");
            }

            _console.Write(line);
            _console.WriteLine();
        }
    }

    private static Text StateCell(CustomResourceSnapshot snapshot)
    {
        var text = snapshot.State?.Text ?? "Unknown";
        if (snapshot.ExitCode is { } exitCode && KnownResourceStates.IsTerminal(text))
        {
            text += $" ({exitCode})";
        }

        return new Text(text, StyleOf(snapshot.State?.Style));
    }

    private static string HealthText(CustomResourceSnapshot snapshot) => snapshot.HealthStatus switch
    {
        HealthStatus status => status.ToString(),
        null when KnownResourceStates.IsRunning(snapshot.State?.Text) => "Pending",
        null => "",
    };

    private static Style StyleOf(string? style) => style switch
    {
        KnownResourceStateStyles.Success => new Style(Color.Green),
        KnownResourceStateStyles.Info => new Style(Color.Blue),
        KnownResourceStateStyles.Warn => new Style(Color.Yellow),
        KnownResourceStateStyles.Error => new Style(Color.Red),
        _ => Style.Plain,
    };
}
