namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>A command as the views show it, with its state for the current snapshot.</summary>
/// <param name="Name">Machine name, passed back to <c>ExecuteCommandAsync</c>.</param>
/// <param name="DisplayName">Button text.</param>
/// <param name="State">Enabled, disabled or hidden right now.</param>
/// <param name="Description">Tooltip text.</param>
/// <param name="ConfirmationMessage">Text to confirm before running, if any.</param>
/// <param name="IconName">Icon name, if any.</param>
/// <param name="IsHighlighted">Shown prominently.</param>
public sealed record ResourceCommandSnapshot(
    string Name,
    string DisplayName,
    ResourceCommandState State,
    string? Description,
    string? ConfirmationMessage,
    string? IconName,
    bool IsHighlighted);
