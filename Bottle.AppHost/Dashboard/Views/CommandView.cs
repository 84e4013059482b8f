namespace Bottle.AppHost.Dashboard.Views;

/// <summary>A command button: <see cref="Enabled"/> false shows it greyed out; hidden commands are not sent.</summary>
internal sealed record CommandView(string Name, string DisplayName, bool Enabled, string? Description, string? ConfirmationMessage, bool IsHighlighted);
