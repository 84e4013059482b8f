namespace Bottle.AppHost.Dashboard.Views;

/// <summary>A property or environment variable; <see cref="Masked"/> says the value was withheld.</summary>
internal sealed record NameValueView(string Name, string? Value, bool Masked);
