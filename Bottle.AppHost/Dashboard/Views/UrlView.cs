namespace Bottle.AppHost.Dashboard.Views;

/// <summary>An endpoint of a resource.</summary>
internal sealed record UrlView(string Name, string Url, bool IsInternal);
