namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>One name/value property shown in a resource's detail pane.</summary>
/// <param name="Name">Property name (see <see cref="KnownProperties"/>).</param>
/// <param name="Value">Its value as text.</param>
/// <param name="IsSensitive">True when views must mask the value until asked.</param>
public sealed record ResourcePropertySnapshot(string Name, string? Value, bool IsSensitive = false);
