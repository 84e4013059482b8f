namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>An environment variable a resource was started with (views mask credential-like values).</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Value">Variable value.</param>
public sealed record EnvironmentVariableSnapshot(string Name, string? Value);
