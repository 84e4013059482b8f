namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>An endpoint URL of a resource.</summary>
/// <param name="Name">The endpoint name.</param>
/// <param name="Url">The URL.</param>
/// <param name="IsInternal">True when only other resources, not the operator, can reach it.</param>
public sealed record UrlSnapshot(string Name, Uri Url, bool IsInternal = false);
