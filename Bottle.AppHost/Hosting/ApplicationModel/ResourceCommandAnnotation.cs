namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>
/// A command the dashboard and CLI offer on a resource (start, stop, restart, or a custom one).
/// <see cref="UpdateState"/> runs on every snapshot change and decides whether the command is enabled.
/// </summary>
public sealed class ResourceCommandAnnotation : IResourceAnnotation
{
    /// <summary>Creates a command.</summary>
    /// <param name="name">Machine name, unique within the resource (e.g. <c>resource-restart</c>).</param>
    /// <param name="displayName">Button text.</param>
    /// <param name="updateState">Decides from the snapshot whether the command is enabled.</param>
    /// <param name="executeCommand">Does the work.</param>
    public ResourceCommandAnnotation(
        string name,
        string displayName,
        Func<UpdateCommandStateContext, ResourceCommandState> updateState,
        Func<ExecuteCommandContext, Task<CommandResult>> executeCommand)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentNullException.ThrowIfNull(updateState);
        ArgumentNullException.ThrowIfNull(executeCommand);
        Name = name;
        DisplayName = displayName;
        UpdateState = updateState;
        ExecuteCommand = executeCommand;
    }

    /// <summary>Machine name, unique within the resource.</summary>
    public string Name { get; }

    /// <summary>Button text.</summary>
    public string DisplayName { get; }

    /// <summary>Decides from the snapshot whether the command is enabled.</summary>
    public Func<UpdateCommandStateContext, ResourceCommandState> UpdateState { get; }

    /// <summary>Does the work.</summary>
    public Func<ExecuteCommandContext, Task<CommandResult>> ExecuteCommand { get; }

    /// <summary>A longer description (tooltip).</summary>
    public string? Description { get; init; }

    /// <summary>When set, the UI asks for confirmation with this text before running the command.</summary>
    public string? ConfirmationMessage { get; init; }

    /// <summary>An icon name for the UI.</summary>
    public string? IconName { get; init; }

    /// <summary>Shown prominently rather than in a menu.</summary>
    public bool IsHighlighted { get; init; }
}
